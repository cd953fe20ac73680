package io.github.dualcache.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.cache.DualcacheCache;
import io.github.dualcache.testing.Boxes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The point of the local layer (DESIGN.md, "Why two levels"): the global load of a hot key grows
 * with time / local TTL, not with reads. Global gets are counted by the global memcached itself
 * ({@code stats cmd_get} delta), not by our own counters. Each local TTL costs about two global
 * gets: the entry, and the cache's generation token, which a node re-reads once per local TTL.
 *
 * <p>What removal makes it fail: without a local layer (or with fills skipped), every read costs a
 * global get and the heap/memcached tests see ~N gets instead of a handful; the {@code none} test
 * fails if a "local" copy were served when no local layer is configured. Verified by forcing
 * {@code LocalLayer.NONE} in the CacheManager: the heap and memcached tests fail.
 */
class HotKeyGlobalLoadTest {

  private static final int N = 5000;
  private static final Duration TTL = Duration.ofMillis(200);

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  @ParameterizedTest(name = "local layer {0}")
  @ValueSource(strings = {"heap", "memcached"})
  void aHotKeyCostsAboutOneGlobalGetPerLocalTtl(String localType) {
    Cache<String, String> cache = BOXES.open(localType, TTL).manager().createCache(Boxes.uniqueName("hot"), Boxes.strings().setStatisticsEnabled(true));
    cache.put("hot", "value");
    assertEquals("value", cache.get("hot"));

    Measured burst = readHotKey(cache, N, 0);
    report(localType, "burst", burst);
    assertTrue(burst.globalGets <= allowed(burst.elapsedMillis),
        burst.globalGets + " global gets for " + N + " reads in " + burst.elapsedMillis + " ms; at most "
            + allowed(burst.elapsedMillis) + " allowed with a local TTL of " + TTL.toMillis() + " ms");

    // The same over many local TTLs: the cost follows elapsed time / TTL, not the number of reads.
    Measured sustained = readHotKey(cache, N, 1_000);
    report(localType, "sustained", sustained);
    assertTrue(sustained.globalGets <= allowed(sustained.elapsedMillis),
        sustained.globalGets + " global gets for " + sustained.reads + " reads in " + sustained.elapsedMillis
            + " ms; at most " + allowed(sustained.elapsedMillis) + " allowed with a local TTL of " + TTL.toMillis() + " ms");
    assertTrue(sustained.globalGets >= 1, "the local copy must be refreshed from the global layer as it ages out");

    long localHits = cache.unwrap(DualcacheCache.class).layerStatistics().getLocalHits();
    assertTrue(localHits >= burst.reads + sustained.reads - burst.globalGets - sustained.globalGets,
        "local hits " + localHits + " should account for every read that did not go global");
  }

  @Test
  void withoutALocalLayerEveryReadGoesGlobal() {
    Cache<String, String> cache = BOXES.open("none", TTL).manager().createCache(Boxes.uniqueName("hot-none"), Boxes.strings());
    cache.put("hot", "value");
    assertEquals("value", cache.get("hot"));

    Measured burst = readHotKey(cache, N, 0);
    report("none", "burst", burst);
    assertTrue(burst.globalGets >= N, "only " + burst.globalGets + " global gets for " + N + " reads without a local layer");
  }

  private static long allowed(long elapsedMillis) {
    return 3 * (elapsedMillis / TTL.toMillis() + 1) + 5;
  }

  private record Measured(long reads, long globalGets, long elapsedMillis) {}

  /** Reads the hot key at least {@code reads} times and for at least {@code minMillis}. */
  private static Measured readHotKey(Cache<String, String> cache, int reads, long minMillis) {
    long before = globalGets();
    long start = System.nanoTime();
    long minNanos = TimeUnit.MILLISECONDS.toNanos(minMillis);
    long done = 0;
    while (done < reads || System.nanoTime() - start < minNanos) {
      String value = cache.get("hot");
      if (!"value".equals(value)) {
        throw new AssertionError("read " + done + " returned " + value);
      }
      done++;
    }
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    return new Measured(done, globalGets() - before, elapsedMillis);
  }

  private static long globalGets() {
    return Long.parseLong(BOXES.global().stats().get("cmd_get"));
  }

  private static void report(String localType, String phase, Measured m) {
    System.out.printf("[hot key] local=%s %s: %d reads in %d ms, %d global gets (%.2f per 1000 reads, %.2f per"
            + " %d ms local TTL elapsed)%n",
        localType, phase, m.reads, m.elapsedMillis, m.globalGets, 1000.0 * m.globalGets / m.reads,
        m.globalGets / Math.max(1.0, (double) m.elapsedMillis / TTL.toMillis()), TTL.toMillis());
  }
}
