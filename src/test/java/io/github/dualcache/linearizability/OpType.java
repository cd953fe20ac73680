package io.github.dualcache.linearizability;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The cache operations a history records, with the name, arguments and result each has in a history file. */
public enum OpType {
  GET("get", 0, Result.VALUE),
  CONTAINS_KEY("containsKey", 0, Result.BOOLEAN),
  PUT("put", 1, Result.NONE),
  GET_AND_PUT("getAndPut", 1, Result.VALUE),
  PUT_IF_ABSENT("putIfAbsent", 1, Result.BOOLEAN),
  REPLACE("replace", 1, Result.BOOLEAN),
  REPLACE_IF("replaceIf", 2, Result.BOOLEAN),
  GET_AND_REPLACE("getAndReplace", 1, Result.VALUE),
  REMOVE("remove", 0, Result.BOOLEAN),
  REMOVE_IF("removeIf", 1, Result.BOOLEAN),
  GET_AND_REMOVE("getAndRemove", 0, Result.VALUE),
  /** An entry processor: returns the previous value (or none) and stores previous (or 0) + 1. */
  INCREMENT("increment", 0, Result.VALUE),
  /**
   * Not a call: the server lost the entry (killed and restarted empty, so the key reads as absent). Recorded by the
   * test that caused the loss, from when the server died to when every JVM must have seen the loss; it leaves the
   * key absent at one instant in that window, and if it "threw" the loss may also not have happened (the key may not
   * have lived on the server that was lost).
   */
  LOST("lost", 0, Result.NONE);

  /** What a call returns when it does not throw. */
  public enum Result {
    /** A value, or null when there was none. */
    VALUE,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** Nothing (written {@code -}). */
    NONE
  }

  private static final Map<String, OpType> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(OpType::wireName, Function.identity()));

  private final String wireName;
  private final int arity;
  private final Result result;

  OpType(String wireName, int arity, Result result) {
    this.wireName = wireName;
    this.arity = arity;
    this.result = result;
  }

  /** The name in a history file, which is the JCache method's name (or {@code increment}). */
  public String wireName() {
    return wireName;
  }

  /** How many value arguments the operation takes (0 to 2). */
  public int arity() {
    return arity;
  }

  public Result result() {
    return result;
  }

  /** Whether the operation only reads, whatever it returns. */
  public boolean isRead() {
    return this == GET || this == CONTAINS_KEY;
  }

  /** The operation with this history-file name, or {@code null}. */
  public static OpType byWireName(String name) {
    return BY_NAME.get(name);
  }
}
