package io.github.dualcache.linearizability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each operation of one key may start linearizing when reads may be stale by a bound: a plain read as early as
 * the bound before it started, every other operation at its recorded start. A JVM reads its own writes: a plain read
 * must be linearized after the last write of its own JVM that returned before it started ({@link #ownWrites}) — an
 * order, not a time, since another JVM's write that ended before it may still be unseen; a write of its own that
 * threw (and may never be linearized) bounds the read's start by its recorded end instead.
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
    Map<String, long[]> writeEnds = writeEndsByJvm(ops, true);
    for (int i = 0; i < starts.length; i++) {
      Operation op = ops.get(i);
      if (op.type().isRead()) {
        long earliest = op.start() - boundNanos;
        if (earliest > op.start()) { // overflowed
          earliest = Long.MIN_VALUE;
        }
        // Just after the own write's end: one that ended when another started would count as concurrent.
        long ownWrite = lastEndBefore(writeEnds.get(op.jvm()), op.start());
        starts[i] = ownWrite == Long.MIN_VALUE ? earliest : Math.max(earliest, ownWrite + 1);
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

  /** For each JVM, the sorted end times of its operations that may have written ({@code threwOnly}: of calls that threw). */
  private static Map<String, long[]> writeEndsByJvm(List<Operation> ops, boolean threwOnly) {
    Map<String, List<Long>> ends = new HashMap<>();
    for (Operation op : ops) {
      if (RegisterModel.mayWrite(op) && (!threwOnly || op.threw())) {
        ends.computeIfAbsent(op.jvm(), jvm -> new ArrayList<>()).add(op.end());
      }
    }
    Map<String, long[]> sorted = new HashMap<>();
    ends.forEach((jvm, list) -> {
      long[] array = list.stream().mapToLong(Long::longValue).toArray();
      Arrays.sort(array);
      sorted.put(jvm, array);
    });
    return sorted;
  }

  /** The latest of {@code sortedEnds} strictly before {@code time}, or {@link Long#MIN_VALUE}. */
  private static long lastEndBefore(long[] sortedEnds, long time) {
    if (sortedEnds == null) {
      return Long.MIN_VALUE;
    }
    int low = 0;
    int high = sortedEnds.length;
    while (low < high) {
      int middle = (low + high) >>> 1;
      if (sortedEnds[middle] < time) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low == 0 ? Long.MIN_VALUE : sortedEnds[low - 1];
  }
}
