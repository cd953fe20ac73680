package io.github.dualcache.linearizability;

import java.util.Arrays;

/** Short-hand for the operations of hand-written test histories, with times in µs. */
final class Ops {

  static final String KEY = "k";

  private Ops() {}

  /** {@code argsAndResult}: the operation's arguments, then its result; {@code -} is null, {@code !} threw. */
  static Operation op(String process, long startMicros, long endMicros, OpType type, String... argsAndResult) {
    return on(KEY, process, startMicros, endMicros, type, argsAndResult);
  }

  static Operation on(String key, String process, long startMicros, long endMicros, OpType type,
      String... argsAndResult) {
    if (argsAndResult.length != type.arity() + 1) {
      throw new IllegalArgumentException(type + " needs " + type.arity() + " arguments and a result: "
          + Arrays.toString(argsAndResult));
    }
    String arg1 = type.arity() >= 1 ? argsAndResult[0] : null;
    String arg2 = type.arity() >= 2 ? argsAndResult[1] : null;
    return new Operation(process, startMicros * 1_000, endMicros * 1_000, key, type,
        dash(arg1), dash(arg2), dash(argsAndResult[type.arity()]));
  }

  private static String dash(String field) {
    return field == null || field.equals("-") ? null : field;
  }
}
