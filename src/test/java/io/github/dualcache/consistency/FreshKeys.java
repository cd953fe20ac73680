package io.github.dualcache.consistency;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import javax.cache.Cache;
import javax.cache.CacheException;

/**
 * {@code putIfAbsent} races on fresh keys: every thread of every JVM tries each key
 * {@code fresh-0}, {@code fresh-1}, ... in turn with its own name as the value; exactly one call
 * per key may return true, and the key must then hold the winner's name. (Races with removes
 * mixed in are {@link TokenRing}'s.)
 *
 * <p>Round r starts on every thread of both JVMs at {@code startAt + r * period}
 * ({@link System#nanoTime()}, which the JVMs of one Linux host share), so that the race is real
 * and not won by whichever JVM started first.
 *
 * <p>Parameters: {@code rounds}, {@code startAt} (nanoTime), {@code periodMicros}, {@code out}.
 * Writes {@code won <round> <process>} lines. With {@code faults=true} (the global layer failing
 * meanwhile) a call that threw is written {@code maybe <round> <process>}: it may or may not have
 * stored its name.
 */
final class FreshKeys implements Workload {

  @Override
  public String run(Cache<String, String> cache, String jvm, int threads, Map<String, String> parameters, Path out)
      throws Exception {
    int rounds = Integer.parseInt(parameters.get("rounds"));
    long startAt = Long.parseLong(parameters.get("startAt"));
    long period = Long.parseLong(parameters.get("periodMicros")) * 1_000;
    boolean faults = Boolean.parseBoolean(parameters.getOrDefault("faults", "false"));
    List<String> lines = new ArrayList<>();
    Racers.race(threads, thread -> {
      String process = jvm + "-t" + thread;
      List<String> mine = new ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        String key = "fresh-" + round;
        long roundStart = startAt + round * period;
        for (long wait = roundStart - System.nanoTime(); wait > 0; wait = roundStart - System.nanoTime()) {
          LockSupport.parkNanos(wait);
        }
        try {
          if (cache.putIfAbsent(key, process)) {
            mine.add("won " + round + " " + process);
          }
        } catch (CacheException e) {
          if (!faults) {
            throw e;
          }
          mine.add("maybe " + round + " " + process);
        }
      }
      synchronized (lines) {
        lines.addAll(mine);
      }
    });
    Files.write(out, lines, StandardCharsets.UTF_8);
    return "won=" + lines.stream().filter(line -> line.startsWith("won")).count()
        + " maybe=" + lines.stream().filter(line -> line.startsWith("maybe")).count();
  }
}
