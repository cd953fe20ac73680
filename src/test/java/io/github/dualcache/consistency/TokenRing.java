package io.github.dualcache.consistency;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.processor.EntryProcessor;

/**
 * A token passed around by compare-and-set races that must each have exactly one winner. The key
 * holds a number n (or nothing while someone holds the token); a thread takes n by one of
 * {@code replace(k, n, n+1)}, {@code getAndRemove} then {@code putIfAbsent(k, n+1)},
 * {@code get} + {@code remove(k, n)} then {@code putIfAbsent(k, n+1)}, or an {@code invoke} that
 * moves n to n+1. If every race has one winner, the numbers taken over the whole run, in every
 * JVM, are exactly 0, 1, 2, ... each once, every {@code putIfAbsent} that hands the token back
 * succeeds, and the key ends at the count of numbers taken.
 *
 * <p>Parameters: {@code advances} per thread, {@code seed}, {@code out}; the key is {@value #KEY}
 * and must hold {@code 0} before the run. Writes {@code took <n> <process> <how>} lines and
 * {@code failure <what>} lines.
 *
 * <p>With {@code faults=true} (the global layer failing meanwhile) a call may throw: a move that
 * threw may or may not have taken its number, and is written {@code maybe <n> <process> replace}.
 * Only {@code get} + {@code replace(k, n, n+1)} is made then, the one move that never leaves the
 * key empty and knows the number it tries for: a {@code getAndRemove} that threw may have taken
 * the token away with no one left to hand it back, and an {@code invoke} that threw does not say
 * which number it may have taken.
 */
final class TokenRing implements Workload {
  static final String KEY = "ring";
  private static final long FAILURE_BACKOFF_NANOS = 50_000_000;

  private static final EntryProcessor<String, String, String> ADVANCE = (entry, arguments) -> {
    if (!entry.exists()) {
      return null;
    }
    String taken = entry.getValue();
    entry.setValue(Workload.plusOne(taken));
    return taken;
  };

  @Override
  public String run(Cache<String, String> cache, String jvm, int threads, Map<String, String> parameters, Path out)
      throws Exception {
    int advances = Integer.parseInt(parameters.get("advances"));
    long seed = Long.parseLong(parameters.get("seed"));
    boolean faults = Boolean.parseBoolean(parameters.getOrDefault("faults", "false"));
    List<String> lines = new ArrayList<>();
    Racers.race(threads, thread -> {
      SplittableRandom random = new SplittableRandom(seed * 31 + jvm.hashCode() * 7L + thread);
      String process = jvm + "-t" + thread;
      List<String> mine = new ArrayList<>();
      for (int taken = 0; taken < advances; ) {
        String how = faults ? "replace" : switch (random.nextInt(4)) {
          case 0 -> "replace";
          case 1 -> "getAndRemove";
          case 2 -> "removeIf";
          default -> "invoke";
        };
        String number = faults ? takeUnderFaults(cache, how, process, mine) : take(cache, how, mine);
        if (number != null) {
          mine.add("took " + number + " " + process + " " + how);
          taken++;
        }
      }
      synchronized (lines) {
        lines.addAll(mine);
      }
    });
    Files.write(out, lines, StandardCharsets.UTF_8);
    long failures = lines.stream().filter(line -> line.startsWith("failure")).count();
    return "taken=" + (lines.size() - failures) + " failures=" + failures;
  }

  /** Tries once to take the token; returns the number taken, or null if another thread had it. */
  private static String take(Cache<String, String> cache, String how, List<String> log) {
    switch (how) {
      case "replace" -> {
        String seen = cache.get(KEY);
        return seen != null && cache.replace(KEY, seen, Workload.plusOne(seen)) ? seen : null;
      }
      case "getAndRemove" -> {
        return handBack(cache, cache.getAndRemove(KEY), how, log);
      }
      case "removeIf" -> {
        String seen = cache.get(KEY);
        return seen != null && cache.remove(KEY, seen) ? handBack(cache, seen, how, log) : null;
      }
      default -> {
        return cache.invoke(KEY, ADVANCE);
      }
    }
  }

  /** Tries once to take the token by {@code replace(k, n, n+1)}; one that threw is a "maybe" of n. */
  private static String takeUnderFaults(Cache<String, String> cache, String how, String process, List<String> log) {
    String seen;
    try {
      seen = cache.get(KEY);
    } catch (CacheException e) {
      LockSupport.parkNanos(FAILURE_BACKOFF_NANOS); // a read that threw took nothing
      return null;
    }
    try {
      return seen != null && cache.replace(KEY, seen, Workload.plusOne(seen)) ? seen : null;
    } catch (CacheException e) {
      log.add("maybe " + seen + " " + process + " " + how);
      LockSupport.parkNanos(FAILURE_BACKOFF_NANOS); // as a client would, rather than spin on a down server
      return null;
    }
  }

  private static String handBack(Cache<String, String> cache, String taken, String how, List<String> log) {
    if (taken != null && !cache.putIfAbsent(KEY, Workload.plusOne(taken))) {
      log.add("failure putIfAbsent after " + how + " of " + taken + " found the key taken: " + cache.get(KEY));
    }
    return taken;
  }
}
