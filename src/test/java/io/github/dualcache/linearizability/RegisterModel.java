package io.github.dualcache.linearizability;

import java.util.Objects;

/**
 * The sequential specification of one cache entry, a register holding a value or nothing (null): what each
 * operation returns in a state and which state it leaves.
 */
final class RegisterModel {

  private RegisterModel() {}

  /** Whether {@code op} returns its recorded result when applied to {@code state}; any result fits if it threw. */
  static boolean returns(String state, Operation op) {
    if (op.threw()) {
      return true;
    }
    String result = op.result();
    return switch (op.type()) {
      case GET, GET_AND_PUT, GET_AND_REPLACE, GET_AND_REMOVE, INCREMENT -> Objects.equals(result, state);
      case PUT, LOST -> true;
      case CONTAINS_KEY, REPLACE, REMOVE -> isTrue(result) == (state != null);
      case PUT_IF_ABSENT -> isTrue(result) == (state == null);
      case REPLACE_IF, REMOVE_IF -> isTrue(result) == op.arg1().equals(state);
    };
  }

  /** The state {@code op} leaves when applied to {@code state} (for a call that threw: if it took effect). */
  static String next(String state, Operation op) {
    return switch (op.type()) {
      case GET, CONTAINS_KEY -> state;
      case PUT, GET_AND_PUT -> op.arg1();
      case PUT_IF_ABSENT -> state == null ? op.arg1() : state;
      case REPLACE, GET_AND_REPLACE -> state == null ? null : op.arg1();
      case REPLACE_IF -> op.arg1().equals(state) ? op.arg2() : state;
      case REMOVE, GET_AND_REMOVE, LOST -> null;
      case REMOVE_IF -> op.arg1().equals(state) ? null : state;
      case INCREMENT -> Long.toString(Math.addExact(state == null ? 0 : Long.parseLong(state), 1));
    };
  }

  /**
   * Whether {@code op} may have changed the state, judging by its result. When it did not throw and this is false,
   * its result alone proves it left whatever state it saw unchanged (a remove returning false saw nothing, ...).
   */
  static boolean mayWrite(Operation op) {
    if (op.threw()) {
      return !op.type().isRead();
    }
    return switch (op.type()) {
      case GET, CONTAINS_KEY -> false;
      case PUT, GET_AND_PUT, INCREMENT, LOST -> true;
      case GET_AND_REPLACE, GET_AND_REMOVE -> op.result() != null;
      case PUT_IF_ABSENT, REPLACE, REPLACE_IF, REMOVE, REMOVE_IF -> isTrue(op.result());
    };
  }

  /** A name for what {@code op} does to a state, the same for operations that change every state alike. */
  static String effect(Operation op) {
    OpType kind = switch (op.type()) {
      case GET_AND_PUT -> OpType.PUT;
      case GET_AND_REPLACE -> OpType.REPLACE;
      case GET_AND_REMOVE -> OpType.REMOVE;
      default -> op.type();
    };
    return kind.wireName() + "(" + op.arg1() + ", " + op.arg2() + ")";
  }

  private static boolean isTrue(String result) {
    return "true".equals(result);
  }
}
