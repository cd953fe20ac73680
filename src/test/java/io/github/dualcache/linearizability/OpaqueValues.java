package io.github.dualcache.linearizability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Renames the values that no operation on a key can tell apart to one value, so that states differing only in them
 * are one state to the search: a value is opaque when neither it nor any value increments can make of it is ever
 * returned or compared against (as {@code replaceIf}'s or {@code removeIf}'s expected value).
 *
 * <p>Such values are all alike to every operation: a read of one fails whatever it is, a comparison with one is
 * false, an increment makes another. So they all become {@link #placeholder()}, a value above everything the history
 * mentions by more than its number of increments, which keeps it and what increments make of it opaque.
 */
record OpaqueValues(List<Operation> ops, long placeholder) {

  /** {@code ops} (of one key) with opaque written values renamed; {@code ops} itself if there is nothing to do. */
  static OpaqueValues rename(List<Operation> ops) {
    List<Long> observed = new ArrayList<>();
    long max = 0;
    int increments = 0;
    for (Operation op : ops) {
      for (String value : new String[] {op.arg1(), op.arg2(), op.threw() ? null : op.result()}) {
        if (value != null && Operation.isValue(value)) {
          max = Math.max(max, Long.parseLong(value));
        }
      }
      if (op.type() == OpType.REPLACE_IF || op.type() == OpType.REMOVE_IF) {
        observed.add(Long.parseLong(op.arg1()));
      }
      if (op.type().result() == OpType.Result.VALUE && op.result() != null && !op.threw()) {
        observed.add(Long.parseLong(op.result()));
      }
      if (op.type() == OpType.INCREMENT) {
        increments++;
      }
    }
    if (max > Long.MAX_VALUE / 2 - increments) {
      return new OpaqueValues(ops, Long.MAX_VALUE);
    }
    long placeholder = max + increments + 1;
    long[] sorted = observed.stream().mapToLong(Long::longValue).sorted().toArray();
    String renamed = Long.toString(placeholder);
    List<Operation> result = new ArrayList<>(ops.size());
    for (Operation op : ops) {
      result.add(switch (op.type()) {
        case PUT, GET_AND_PUT, PUT_IF_ABSENT, REPLACE, GET_AND_REPLACE -> opaque(op.arg1(), increments, sorted)
            ? withArgs(op, renamed, null) : op;
        case REPLACE_IF -> opaque(op.arg2(), increments, sorted) ? withArgs(op, op.arg1(), renamed) : op;
        default -> op;
      });
    }
    return new OpaqueValues(result, placeholder);
  }

  /** Whether {@code state} is (what increments made of) the placeholder. */
  boolean isPlaceholder(String state) {
    return state != null && Long.parseLong(state) >= placeholder;
  }

  /** Whether no value from {@code value} to {@code value + increments} is observed. */
  private static boolean opaque(String value, int increments, long[] sortedObserved) {
    long from = Long.parseLong(value);
    int at = Arrays.binarySearch(sortedObserved, from);
    int next = at >= 0 ? at : -at - 1;
    return next == sortedObserved.length || sortedObserved[next] > from + increments;
  }

  private static Operation withArgs(Operation op, String arg1, String arg2) {
    return new Operation(op.process(), op.start(), op.end(), op.key(), op.type(), arg1, arg2, op.result());
  }
}
