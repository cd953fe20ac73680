package io.github.dualcache.linearizability;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Histories linearizable by construction, to test the checker against: operations of several sequential processes
 * are applied to a {@link HashMap} (an oracle independent of {@link RegisterModel}) at increasing linearization
 * points, and each gets a random interval around its point.
 *
 * <p>Every value written is fresh, a multiple of 1000, so a history of under 1000 operations can never hold a value
 * before the one operation that writes it, nor a negative one.
 */
final class RandomHistories {

  private static final int GAP = 50;
  private static final int SPREAD = 400;
  private static final OpType[] TYPES = OpType.values();

  private final Random random;
  private final Map<String, String> cache = new HashMap<>();
  private long fresh;

  private RandomHistories(Random random) {
    this.random = random;
  }

  /** {@code operations} operations by {@code processes} processes (in two JVMs) on {@code keys} keys. */
  static List<Operation> generate(Random random, int processes, int operations, int keys, double threwRate) {
    return new RandomHistories(random).history(processes, operations, keys, threwRate);
  }

  private List<Operation> history(int processes, int operations, int keys, double threwRate) {
    List<Operation> history = new ArrayList<>(operations);
    long[] freeFrom = new long[processes];
    long point = 0;
    while (history.size() < operations) {
      point += 1 + random.nextInt(GAP);
      int process = random.nextInt(processes);
      if (freeFrom[process] >= point) {
        continue;
      }
      long start = point - random.nextInt((int) Math.min(point - freeFrom[process], SPREAD));
      long end = point + random.nextInt(SPREAD);
      freeFrom[process] = end;
      String key = "k" + random.nextInt(keys);
      OpType type = random.nextInt(4) == 0 ? OpType.GET : TYPES[random.nextInt(TYPES.length)];
      String arg1 = type.arity() == 0 ? null : argument(type, key);
      String arg2 = type.arity() == 2 ? freshValue() : null;
      boolean threw = random.nextDouble() < threwRate;
      boolean tookEffect = !threw || random.nextBoolean();
      String result = tookEffect ? apply(cache, key, type, arg1, arg2) : null;
      history.add(new Operation("jvm" + process % 2 + "-t" + process, start, end, key, type, arg1, arg2,
          threw ? Operation.THREW : result));
    }
    return history;
  }

  /** A fresh value to write, or for a condition (replaceIf's and removeIf's first) often the current one. */
  private String argument(OpType type, String key) {
    boolean condition = type == OpType.REPLACE_IF || type == OpType.REMOVE_IF;
    if (condition && random.nextBoolean() && cache.containsKey(key)) {
      return cache.get(key);
    }
    return condition ? Long.toString(1000 * (1 + random.nextInt((int) fresh + 1))) : freshValue();
  }

  private String freshValue() {
    return Long.toString(1000 * ++fresh);
  }

  /** Applies an operation to {@code cache} as JCache would, returning what a history records as its result. */
  static String apply(Map<String, String> cache, String key, OpType type, String arg1, String arg2) {
    return switch (type) {
      case GET -> cache.get(key);
      case CONTAINS_KEY -> Boolean.toString(cache.containsKey(key));
      case PUT -> {
        cache.put(key, arg1);
        yield null;
      }
      case GET_AND_PUT -> cache.put(key, arg1);
      case PUT_IF_ABSENT -> Boolean.toString(cache.putIfAbsent(key, arg1) == null);
      case REPLACE -> Boolean.toString(cache.replace(key, arg1) != null);
      case REPLACE_IF -> Boolean.toString(cache.replace(key, arg1, arg2));
      case GET_AND_REPLACE -> cache.replace(key, arg1);
      case REMOVE -> Boolean.toString(cache.remove(key) != null);
      case REMOVE_IF -> Boolean.toString(cache.remove(key, arg1));
      case GET_AND_REMOVE -> cache.remove(key);
      case LOST -> {
        cache.remove(key);
        yield null;
      }
      case INCREMENT -> cache.put(key, Long.toString(Long.parseLong(cache.getOrDefault(key, "0")) + 1));
    };
  }
}
