package io.github.dualcache.consistency;

import io.github.dualcache.linearizability.HistoryFile;
import io.github.dualcache.linearizability.OpType;
import io.github.dualcache.linearizability.Operation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import javax.cache.Cache;
import javax.cache.processor.EntryProcessor;

/**
 * Random single-key JCache operations on a few keys, every one recorded with its start and end
 * ({@link System#nanoTime()}, comparable across the JVMs of one Linux host) and its JCache result,
 * in the history format the linearizability checker reads. A call that throws is recorded with
 * the result {@code !}: it may or may not have taken effect.
 *
 * <p>Parameters: {@code ops} per thread, {@code keys}, {@code seed}, {@code out}; optionally {@code millis} (stop
 * then, even before {@code ops}), {@code keyPrefix} (default {@code k}) and {@code pauseMicros} between calls (to
 * keep a long history small enough to check).
 */
public final class RandomOperations implements Workload {
  /** The entry processor of the histories: returns the previous value and stores it plus one. */
  static final EntryProcessor<String, String, String> INCREMENT = (entry, arguments) -> {
    String previous = entry.exists() ? entry.getValue() : null;
    entry.setValue(Workload.plusOne(previous));
    return previous;
  };

  private static final long FAILURE_BACKOFF_NANOS = 50_000_000;

  private static final String[] KINDS = {
    "get", "get", "get", "containsKey", "put", "put", "getAndPut", "putIfAbsent", "putIfAbsent", "replace",
    "replaceIf", "replaceIf", "getAndReplace", "remove", "remove", "removeIf", "removeIf", "getAndRemove",
    "getAndRemove", "increment", "increment", "increment"
  };

  @Override
  public String run(Cache<String, String> cache, String jvm, int threads, Map<String, String> parameters, Path out)
      throws Exception {
    int ops = Integer.parseInt(parameters.get("ops"));
    int keys = Integer.parseInt(parameters.get("keys"));
    long seed = Long.parseLong(parameters.get("seed"));
    long deadline = System.nanoTime() + Long.parseLong(parameters.getOrDefault("millis", "0")) * 1_000_000;
    boolean timed = parameters.containsKey("millis");
    String keyPrefix = parameters.getOrDefault("keyPrefix", "k");
    long pauseNanos = Long.parseLong(parameters.getOrDefault("pauseMicros", "0")) * 1_000;
    int jvmIndex = Integer.parseInt(jvm.replaceAll("\\D", ""));
    List<List<Operation>> recorded = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      recorded.add(new ArrayList<>(Math.min(ops, 100_000)));
    }
    Racers.race(threads, thread -> {
      SplittableRandom random = new SplittableRandom(seed * 1_000 + jvmIndex * 100L + thread);
      String process = jvm + "-t" + thread;
      // Values this thread writes are unique: its own prefix and a counter.
      long nextValue = (jvmIndex * 100L + thread + 1) * 1_000_000_000_000L;
      String[] lastSeen = new String[keys];
      List<Operation> history = recorded.get(thread);
      for (int i = 0; i < ops && !(timed && System.nanoTime() - deadline > 0); i++) {
        if (pauseNanos > 0) {
          LockSupport.parkNanos(pauseNanos);
        }
        int keyIndex = random.nextInt(keys);
        String key = keyPrefix + keyIndex;
        OpType kind = OpType.byWireName(KINDS[random.nextInt(KINDS.length)]);
        String fresh = Long.toString(nextValue += 1_000_000);
        String arg1 = switch (kind) {
          case PUT, GET_AND_PUT, PUT_IF_ABSENT, REPLACE, GET_AND_REPLACE -> fresh;
          case REPLACE_IF, REMOVE_IF -> lastSeen[keyIndex] == null ? fresh : lastSeen[keyIndex];
          default -> null;
        };
        String arg2 = kind == OpType.REPLACE_IF ? fresh : null;
        String result;
        long start = System.nanoTime();
        try {
          result = call(cache, kind, key, arg1, arg2);
        } catch (RuntimeException e) {
          result = Operation.THREW;
        }
        long end = System.nanoTime();
        if (result == Operation.THREW) {
          LockSupport.parkNanos(FAILURE_BACKOFF_NANOS); // as a client would, rather than spin on a down server
        }
        if (kind.result() == OpType.Result.VALUE && result != null && !result.equals(Operation.THREW)) {
          lastSeen[keyIndex] = result;
        }
        history.add(new Operation(process, start, end, key, kind, arg1, arg2, result));
      }
    });
    List<Operation> history = recorded.stream().flatMap(List::stream).toList();
    HistoryFile.write(out, history);
    long failed = history.stream().filter(Operation::threw).count();
    return "operations=" + history.size() + " failed=" + failed;
  }

  private static String call(Cache<String, String> cache, OpType kind, String key, String arg1, String arg2) {
    return switch (kind) {
      case GET -> cache.get(key);
      case CONTAINS_KEY -> Boolean.toString(cache.containsKey(key));
      case PUT -> {
        cache.put(key, arg1);
        yield null;
      }
      case GET_AND_PUT -> cache.getAndPut(key, arg1);
      case PUT_IF_ABSENT -> Boolean.toString(cache.putIfAbsent(key, arg1));
      case REPLACE -> Boolean.toString(cache.replace(key, arg1));
      case REPLACE_IF -> Boolean.toString(cache.replace(key, arg1, arg2));
      case GET_AND_REPLACE -> cache.getAndReplace(key, arg1);
      case REMOVE -> Boolean.toString(cache.remove(key));
      case REMOVE_IF -> Boolean.toString(cache.remove(key, arg1));
      case GET_AND_REMOVE -> cache.getAndRemove(key);
      case INCREMENT -> cache.invoke(key, INCREMENT);
      case LOST -> throw new IllegalArgumentException("a loss of data is recorded by the test, not called");
    };
  }
}
