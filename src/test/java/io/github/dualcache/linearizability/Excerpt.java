package io.github.dualcache.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** Explains a violation to a reader: the operations around the one the search could not get past. */
final class Excerpt {

  /** How many operations that returned before the stuck one started are shown, for context. */
  private static final int BEFORE = 3;
  private static final int MAX_LINES = 24;

  private Excerpt() {}

  /**
   * The explanation for a violation on one key: {@code ops} with their linearization starts; how many the deepest
   * search linearized, leaving the entry as {@code state} says, before it got stuck at {@code ops.get(stuckAt)};
   * and the time that µs are counted from.
   */
  static String of(List<Operation> ops, long[] starts, int linearized, int stuckAt, String state, long origin) {
    Operation stuck = ops.get(stuckAt);
    long from = starts[stuckAt];
    List<Integer> shown = new ArrayList<>();
    IntStream.range(0, ops.size())
        .filter(i -> !ops.get(i).threw() && ops.get(i).end() < from)
        .boxed()
        .sorted(Comparator.comparingLong((Integer i) -> ops.get(i).end()).reversed())
        .limit(BEFORE)
        .forEach(shown::add);
    // Concurrent with the stuck operation. A call that threw is concurrent with everything after its start, but
    // only those that threw while the stuck one ran are shown, lest old ones crowd out the rest.
    IntStream.range(0, ops.size())
        .filter(i -> starts[i] <= stuck.end() && ops.get(i).end() >= from)
        .forEach(shown::add);
    shown.sort(Comparator.comparingLong((Integer i) -> starts[i]).thenComparingLong(i -> ops.get(i).end()));

    StringBuilder text = new StringBuilder()
        .append("  no linearization. The deepest search linearized ").append(linearized)
        .append(" operations, leaving the entry ").append(state)
        .append(";\n  nothing that may come next fits. Around the earliest-ending pending operation (*):\n");
    int lines = 0;
    for (int i : shown) {
      if (lines++ == MAX_LINES) {
        text.append("      ... and ").append(shown.size() - MAX_LINES).append(" more\n");
        break;
      }
      text.append(i == stuckAt ? "    * " : "      ").append(line(ops.get(i), starts[i], origin)).append('\n');
    }
    return text.toString();
  }

  /** {@code [start, end] process op(args) -> result} with times in µs after {@code origin}. */
  static String line(Operation op, long linearizesFrom, long origin) {
    String line = "[" + micros(op.start(), origin) + ", " + micros(op.end(), origin) + "] " + op.process() + " "
        + op.describe();
    if (linearizesFrom < op.start()) {
      line += "   (may read as of " + micros(linearizesFrom, origin) + ")";
    }
    return line;
  }

  private static long micros(long nanos, long origin) {
    return (nanos - origin) / 1_000;
  }
}
