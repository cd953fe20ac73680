package io.github.dualcache.linearizability;

import java.util.List;

/** The check of a whole history, one {@link KeyReport} a key, with the totals a test asserts on. */
public record Report(List<KeyReport> keys, long stalenessNanos, long maxStates) {

  public Report {
    keys = List.copyOf(keys);
  }

  public int operations() {
    return keys.stream().mapToInt(KeyReport::operations).sum();
  }

  public int unknownOutcomes() {
    return keys.stream().mapToInt(KeyReport::unknownOutcomes).sum();
  }

  public int violations() {
    return count(Verdict.VIOLATION);
  }

  /** Keys the search gave up on (its bound was reached): neither proven linearizable nor a violation. */
  public int unknowns() {
    return count(Verdict.UNKNOWN);
  }

  /** The verdict for the history: a violation on any key, else unknown on any key, else linearizable. */
  public Verdict verdict() {
    return violations() > 0 ? Verdict.VIOLATION : unknowns() > 0 ? Verdict.UNKNOWN : Verdict.LINEARIZABLE;
  }

  /** Whether every key was proven linearizable. */
  public boolean linearizable() {
    return verdict() == Verdict.LINEARIZABLE;
  }

  /** The report for {@code key}, or null if the history has no operation on it. */
  public KeyReport key(String key) {
    return keys.stream().filter(report -> report.key().equals(key)).findFirst().orElse(null);
  }

  private static String nanosText(long nanos) {
    return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + " ms" : nanos % 1_000 == 0 ? nanos / 1_000 + " µs" : nanos + " ns";
  }

  private int count(Verdict verdict) {
    return (int) keys.stream().filter(report -> report.verdict() == verdict).count();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    keys.forEach(text::append);
    return text.append("total: ").append(operations()).append(" ops on ").append(keys.size()).append(" keys, ")
        .append(unknownOutcomes()).append(" with unknown outcome; ")
        .append(stalenessNanos == 0 ? "strict" : "reads may be stale by " + nanosText(stalenessNanos))
        .append("; keys with a violation: ").append(violations())
        .append(", keys unknown (search bound of ").append(maxStates).append(" states reached): ").append(unknowns())
        .append(" => ").append(verdict())
        .append('\n').toString();
  }
}
