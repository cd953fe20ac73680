package io.github.dualcache.soak;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.processor.EntryProcessor;

/**
 * Every kind of JCache call, at random, on several threads and a few hundred keys of one cache,
 * with values from a few bytes to tens of kilobytes: what an application's traffic looks like.
 * Nothing is checked here but that a call either works or throws {@link CacheException} (what a
 * fault may cause); calls and errors are counted by kind, and any other exception is an
 * "unexpected" error the soak reports apart.
 */
final class MixedLoad {
  private static final int KEYS = 300;
  /** A client backing off after a failure, rather than spinning on a down server. */
  private static final long FAILURE_BACKOFF_NANOS = 20_000_000;
  private static final EntryProcessor<String, String, Integer> LENGTH = (entry, arguments) -> {
    String value = entry.exists() ? entry.getValue() : "";
    entry.setValue(value.length() > 20_000 ? "x" : value + "y");
    return value.length();
  };
  private static final String[] KINDS = {
    "get", "get", "get", "get", "get", "get", "getAll", "getAll", "containsKey", "put", "put", "put", "putAll",
    "putIfAbsent", "replace", "replaceIf", "remove", "removeIf", "getAndPut", "getAndReplace", "getAndRemove",
    "invoke", "invokeAll", "removeAllKeys", "iterator", "removeAll", "clear"
  };

  private final Cache<String, String> cache;
  private final int threads;
  private final long seed;
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> failed = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

  MixedLoad(Cache<String, String> cache, int threads, long seed) {
    this.cache = cache;
    this.threads = threads;
    this.seed = seed;
  }

  void run(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      SplittableRandom random = new SplittableRandom(seed * 1_000 + t);
      Thread thread = new Thread(() -> {
        while (System.nanoTime() - deadline < 0) {
          String kind = pick(random);
          try {
            call(kind, random);
            calls.computeIfAbsent(kind, k -> new LongAdder()).increment();
          } catch (CacheException e) {
            calls.computeIfAbsent(kind, k -> new LongAdder()).increment();
            failed.computeIfAbsent(kind, k -> new LongAdder()).increment();
            errors.computeIfAbsent(describe(e), k -> new LongAdder()).increment();
            LockSupport.parkNanos(FAILURE_BACKOFF_NANOS);
          } catch (RuntimeException e) {
            calls.computeIfAbsent(kind, k -> new LongAdder()).increment();
            failed.computeIfAbsent(kind, k -> new LongAdder()).increment();
            errors.computeIfAbsent("UNEXPECTED in " + kind + ": " + describe(e), k -> new LongAdder()).increment();
          }
        }
      }, "mixed-" + t);
      thread.start();
      running.add(thread);
    }
    for (Thread thread : running) {
      thread.join();
    }
  }

  /** {@code call <kind> <count>}, {@code failed <kind> <count>} and {@code error <count> <class: message>} lines. */
  List<String> summaryLines() {
    List<String> lines = new ArrayList<>();
    new TreeMap<>(calls).forEach((kind, count) -> lines.add("call " + kind + " " + count.sum()));
    new TreeMap<>(failed).forEach((kind, count) -> lines.add("failed " + kind + " " + count.sum()));
    new TreeMap<>(errors).forEach((kind, count) -> lines.add("error " + count.sum() + " " + kind));
    return lines;
  }

  /** Rare calls (whole-cache ones) rarely: they are what a real application does least. */
  private static String pick(SplittableRandom random) {
    String kind = KINDS[random.nextInt(KINDS.length)];
    if ((kind.equals("iterator") || kind.equals("removeAll") || kind.equals("clear")) && random.nextInt(50) != 0) {
      return "get";
    }
    return kind;
  }

  private void call(String kind, SplittableRandom random) {
    String key = key(random);
    switch (kind) {
      case "get" -> cache.get(key);
      case "getAll" -> cache.getAll(keys(random, 1 + random.nextInt(20)));
      case "containsKey" -> cache.containsKey(key);
      case "put" -> cache.put(key, value(random));
      case "putAll" -> {
        Map<String, String> batch = new HashMap<>();
        for (String k : keys(random, 1 + random.nextInt(10))) {
          batch.put(k, value(random));
        }
        cache.putAll(batch);
      }
      case "putIfAbsent" -> cache.putIfAbsent(key, value(random));
      case "replace" -> cache.replace(key, value(random));
      case "replaceIf" -> {
        String seen = cache.get(key);
        if (seen != null) {
          cache.replace(key, seen, value(random));
        }
      }
      case "remove" -> cache.remove(key);
      case "removeIf" -> {
        String seen = cache.get(key);
        if (seen != null) {
          cache.remove(key, seen);
        }
      }
      case "getAndPut" -> cache.getAndPut(key, value(random));
      case "getAndReplace" -> cache.getAndReplace(key, value(random));
      case "getAndRemove" -> cache.getAndRemove(key);
      case "invoke" -> cache.invoke(key, LENGTH);
      case "invokeAll" -> cache.invokeAll(keys(random, 1 + random.nextInt(5)), LENGTH);
      case "removeAllKeys" -> cache.removeAll(keys(random, 1 + random.nextInt(5)));
      case "iterator" -> {
        int seen = 0;
        for (Iterator<Cache.Entry<String, String>> entries = cache.iterator(); entries.hasNext() && seen < 1_000; seen++) {
          entries.next();
        }
      }
      case "removeAll" -> cache.removeAll();
      case "clear" -> cache.clear();
      default -> throw new IllegalArgumentException(kind);
    }
  }

  private static String key(SplittableRandom random) {
    return "m" + random.nextInt(KEYS);
  }

  private static Set<String> keys(SplittableRandom random, int count) {
    Set<String> keys = new HashSet<>();
    while (keys.size() < count) {
      keys.add(key(random));
    }
    return keys;
  }

  /** Mostly small values, some of a few kilobytes, a few of tens of kilobytes. */
  private static String value(SplittableRandom random) {
    int roll = random.nextInt(100);
    int length = roll < 80 ? 1 + random.nextInt(100) : roll < 98 ? 1_000 + random.nextInt(4_000) : 20_000 + random.nextInt(40_000);
    return "v".repeat(length);
  }

  /**
   * The class and message, with numbers (addresses, times, counts) and lists of keys blanked so
   * that errors group by kind.
   */
  static String describe(Throwable e) {
    String message = String.valueOf(e.getMessage()).replaceAll("\\[[^\\]]*\\]", "[..]").replaceAll("\\d+", "#");
    if (message.length() > 140) {
      message = message.substring(0, 140) + "...";
    }
    return e.getClass().getSimpleName() + ": " + message;
  }
}
