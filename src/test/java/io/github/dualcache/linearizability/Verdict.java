package io.github.dualcache.linearizability;

/** What the search concluded for one key, keeping "gave up" apart from "found a violation". */
public enum Verdict {
  /** Some order of the operations respects real time and the register's semantics. */
  LINEARIZABLE,
  /** No such order exists. */
  VIOLATION,
  /** The search reached its bound on explored states before deciding: neither proven nor refuted. */
  UNKNOWN
}
