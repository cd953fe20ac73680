package io.github.dualcache.linearizability;

import java.util.Arrays;
import java.util.List;

/**
 * Where each operation of one key may start linearizing when reads may be stale by a bound: a plain read as early as
 * the bound before it started, every other operation at its recorded start. A JVM reads its own writes: a plain read
 * must be linearized after the last write of its own JVM that returned before it started ({@link #ownWrites}) — an
 * order, not a time, since another JVM's write that ended before it may still be unseen. A write of its own that threw
 * bounds nothing: it may have failed before writing anything (a {@code getAndRemove} whose read timed out), leaving
 * the local copy as it was, which may then be read as stale as any other (found by the soak). The price: a read that
 * misses an own write which threw but did land is not caught; the promise is about writes that returned.
 */
final class StaleReads {

  private StaleReads() {}

  /** The start from which each of {@code ops} (all on one key) may linearize; {@code boundNanos} 0 is strict. */
  static long[] starts(List<Operation> ops, long boundNanos) {
    long[] starts = new long[ops.size()];
    for (int i = 0; i < starts.length; i++) {
      starts[i] = ops.get(i).start();
    }
    if (boundNanos <= 0) {
      return starts;
    }
    for (int i = 0; i < starts.length; i++) {
      Operation op = ops.get(i);
      if (op.type().isRead()) {
        long earliest = op.start() - boundNanos;
        starts[i] = earliest > op.start() ? Long.MIN_VALUE : earliest; // guard against overflow
      }
    }
    return starts;
  }

  /**
   * For each plain read (when {@code boundNanos} relaxes it), the index in {@code ops} of the last write of its own
   * JVM that returned before the read started, which the read must follow; -1 where there is none.
   */
  static int[] ownWrites(List<Operation> ops, long boundNanos) {
    int[] own = new int[ops.size()];
    Arrays.fill(own, -1);
    if (boundNanos <= 0) {
      return own;
    }
    for (int i = 0; i < ops.size(); i++) {
      Operation read = ops.get(i);
      if (!read.type().isRead()) {
        continue;
      }
      for (int j = 0; j < ops.size(); j++) {
        Operation write = ops.get(j);
        if (!write.threw() && RegisterModel.mayWrite(write) && write.jvm().equals(read.jvm())
            && write.end() < read.start() && (own[i] < 0 || write.end() > ops.get(own[i]).end())) {
          own[i] = j;
        }
      }
    }
    return own;
  }
}
