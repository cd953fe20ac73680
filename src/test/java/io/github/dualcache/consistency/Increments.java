package io.github.dualcache.consistency;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.cache.Cache;
import javax.cache.CacheException;

/**
 * Counts with an entry processor: each thread runs {@code count} increments of one key, and every
 * {@code removeEvery}-th call is a {@code getAndRemove} that banks what the counter held. If no
 * update is lost and none is counted twice, the final value plus everything banked equals the
 * number of increments, in every run. An increment that failed ({@code CacheException}, under
 * faults) may or may not have counted: the final value then lies between the two.
 *
 * <p>Parameters: {@code count}, {@code removeEvery}, {@code out}; optionally {@code millis} (stop
 * then, even before {@code count}) and {@code key} (default {@value #KEY}). Writes one line
 * {@code increments=<n> failed=<n> banked=<sum>}.
 */
public final class Increments implements Workload {
  static final String KEY = "counter";

  @Override
  public String run(Cache<String, String> cache, String jvm, int threads, Map<String, String> parameters, Path out)
      throws Exception {
    int count = Integer.parseInt(parameters.get("count"));
    int removeEvery = Integer.parseInt(parameters.get("removeEvery"));
    String key = parameters.getOrDefault("key", KEY);
    boolean timed = parameters.containsKey("millis");
    long deadline = System.nanoTime() + Long.parseLong(parameters.getOrDefault("millis", "0")) * 1_000_000;
    AtomicLong increments = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong banked = new AtomicLong();
    Racers.race(threads, thread -> {
      for (int i = 1; i <= count && !(timed && System.nanoTime() - deadline > 0); i++) {
        try {
          cache.invoke(key, RandomOperations.INCREMENT);
          increments.incrementAndGet();
        } catch (CacheException e) {
          // it may or may not have taken effect: counted apart, and the caller backs off
          failed.incrementAndGet();
          LockSupport.parkNanos(50_000_000);
        }
        if (i % removeEvery == 0) {
          String removed = cache.getAndRemove(key);
          if (removed != null) {
            banked.addAndGet(Long.parseLong(removed));
          }
        }
      }
    });
    String summary = "increments=" + increments.get() + " failed=" + failed.get() + " banked=" + banked.get();
    Files.write(out, List.of(summary), StandardCharsets.UTF_8);
    return summary;
  }
}
