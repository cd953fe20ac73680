package io.github.dualcache.linearizability;

/**
 * The check of one key: how many operations it had, how many threw (outcome unknown), the verdict, how many search
 * states that took, and for a violation or an unknown verdict an explanation to print.
 */
public record KeyReport(
    String key, int operations, int unknownOutcomes, Verdict verdict, long states, String explanation) {

  @Override
  public String toString() {
    return "key " + key + ": " + operations + " ops, " + unknownOutcomes + " with unknown outcome: " + verdict
        + " (" + states + " states)\n" + explanation;
  }
}
