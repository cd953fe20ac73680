package io.github.dualcache.consistency;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.cache.Cache;
import javax.cache.processor.EntryProcessor;

/**
 * Random single-key JCache operations on a few keys, every one recorded with its start and end
 * ({@link System#nanoTime()}, comparable across the JVMs of one Linux host) and its JCache result,
 * in the history format the linearizability checker reads. A call that throws is recorded with
 * the result {@code !}: it may or may not have taken effect.
 *
 * <p>Parameters: {@code ops} per thread, {@code keys}, {@code seed}, {@code out}.
 */
final class RandomOperations implements Workload {
  /** The entry processor of the histories: returns the previous value and stores it plus one. */
  static final EntryProcessor<String, String, String> INCREMENT = (entry, arguments) -> {
    String previous = entry.exists() ? entry.getValue() : null;
    entry.setValue(Workload.plusOne(previous));
    return previous;
  };

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
    int jvmIndex = Integer.parseInt(jvm.replaceAll("\\D", ""));
    List<List<String>> recorded = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      recorded.add(new ArrayList<>(ops));
    }
    Racers.race(threads, thread -> {
      SplittableRandom random = new SplittableRandom(seed * 1_000 + jvmIndex * 100L + thread);
      String process = jvm + "-t" + thread;
      // Values this thread writes are unique: its own prefix and a counter.
      long nextValue = (jvmIndex * 100L + thread + 1) * 1_000_000_000_000L;
      String[] lastSeen = new String[keys];
      List<String> lines = recorded.get(thread);
      for (int i = 0; i < ops; i++) {
        int keyIndex = random.nextInt(keys);
        String key = "k" + keyIndex;
        String kind = KINDS[random.nextInt(KINDS.length)];
        String fresh = Long.toString(nextValue += 1_000_000);
        String arg1 = switch (kind) {
          case "put", "getAndPut", "putIfAbsent", "replace", "getAndReplace" -> fresh;
          case "replaceIf", "removeIf" -> lastSeen[keyIndex] == null ? fresh : lastSeen[keyIndex];
          default -> null;
        };
        String arg2 = kind.equals("replaceIf") ? fresh : null;
        String result;
        long start = System.nanoTime();
        try {
          result = call(cache, kind, key, arg1, arg2);
        } catch (RuntimeException e) {
          result = "!";
        }
        long end = System.nanoTime();
        if (!"!".equals(result) && result != null && !result.equals("true") && !result.equals("false")) {
          lastSeen[keyIndex] = result;
        }
        lines.add(String.join("\t", process, Long.toString(start), Long.toString(end), key, kind, field(arg1),
            field(arg2), field(result)));
      }
    });
    try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
      for (List<String> lines : recorded) {
        for (String line : lines) {
          writer.write(line);
          writer.newLine();
        }
      }
    }
    long failed = recorded.stream().flatMap(List::stream).filter(line -> line.endsWith("\t!")).count();
    return "operations=" + threads * ops + " failed=" + failed;
  }

  private static String call(Cache<String, String> cache, String kind, String key, String arg1, String arg2) {
    return switch (kind) {
      case "get" -> cache.get(key);
      case "containsKey" -> Boolean.toString(cache.containsKey(key));
      case "put" -> {
        cache.put(key, arg1);
        yield null;
      }
      case "getAndPut" -> cache.getAndPut(key, arg1);
      case "putIfAbsent" -> Boolean.toString(cache.putIfAbsent(key, arg1));
      case "replace" -> Boolean.toString(cache.replace(key, arg1));
      case "replaceIf" -> Boolean.toString(cache.replace(key, arg1, arg2));
      case "getAndReplace" -> cache.getAndReplace(key, arg1);
      case "remove" -> Boolean.toString(cache.remove(key));
      case "removeIf" -> Boolean.toString(cache.remove(key, arg1));
      case "getAndRemove" -> cache.getAndRemove(key);
      case "increment" -> cache.invoke(key, INCREMENT);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  private static String field(String value) {
    return value == null ? "-" : value;
  }
}
