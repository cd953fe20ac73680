package io.github.dualcache.linearizability;

import java.util.Objects;

/**
 * One call in a history: who made it, when it started and returned ({@link System#nanoTime()}), on which key, with
 * which arguments, and what it returned; null stands for {@code -} (no value, no argument), {@link #THREW} for a call
 * that threw and so may or may not have taken effect.
 */
public record Operation(
    String process, long start, long end, String key, OpType type, String arg1, String arg2, String result) {

  /** The result of a call that threw. */
  public static final String THREW = "!";

  public Operation {
    Objects.requireNonNull(type, "type");
    requireName("process", process);
    requireName("key", key);
    if (end < start) {
      throw new IllegalArgumentException("end " + end + " is before start " + start);
    }
    requireArgument(type, "arg1", arg1, type.arity() >= 1);
    requireArgument(type, "arg2", arg2, type.arity() >= 2);
    if (!THREW.equals(result)) {
      switch (type.result()) {
        case NONE -> require(result == null, type.wireName() + " returns nothing (-), not " + result);
        case BOOLEAN -> require("true".equals(result) || "false".equals(result),
            type.wireName() + " returns true or false, not " + (result == null ? "-" : result));
        case VALUE -> require(result == null || isValue(result),
            type.wireName() + " returns a decimal integer or -, not " + result);
      }
    }
  }

  /** Whether the call threw, leaving its effect unknown. */
  public boolean threw() {
    return THREW.equals(result);
  }

  /** The JVM that made the call: the process name up to its first {@code -}. */
  public String jvm() {
    return jvmOf(process);
  }

  /** The JVM part of a process name such as {@code jvm0-t3}: the text before the first {@code -}, or all of it. */
  public static String jvmOf(String process) {
    int dash = process.indexOf('-');
    return dash < 0 ? process : process.substring(0, dash);
  }

  /** The call as a reader would write it, such as {@code replaceIf(1, 2) -> true}. */
  public String describe() {
    StringBuilder text = new StringBuilder(type.wireName()).append('(');
    if (arg1 != null) {
      text.append(arg1);
    }
    if (arg2 != null) {
      text.append(", ").append(arg2);
    }
    return text.append(") -> ").append(result == null ? "-" : result).toString();
  }

  /** Values are canonical decimal integers, so that equal values are equal strings. */
  static boolean isValue(String text) {
    try {
      return Long.toString(Long.parseLong(text)).equals(text);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static void requireName(String field, String name) {
    require(name != null && !name.isEmpty() && name.chars().noneMatch(Character::isWhitespace),
        field + " must be a non-empty string without whitespace, not " + (name == null ? "null" : "'" + name + "'"));
  }

  private static void requireArgument(OpType type, String field, String value, boolean expected) {
    String takes = type.wireName() + " takes " + type.arity() + " argument" + (type.arity() == 1 ? "" : "s");
    if (expected) {
      require(value != null && isValue(value),
          takes + ": " + field + " must be a decimal integer, not " + (value == null ? "-" : value));
    } else {
      require(value == null, takes + ": " + field + " must be -, not " + value);
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
