package io.github.dualcache.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.config.DualcacheConfiguration;
import io.github.dualcache.config.LocalLayerType;
import io.github.dualcache.testing.Boxes;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * clear() on box A: A sees an empty cache at once (its own operation); box B, which holds local
 * copies of every entry, sees it empty no later than one local TTL (+ 50 ms) after the clear
 * returned; and nothing B reads after that is an old entry, through get, getAll or containsKey.
 *
 * <p>What removal makes it fail: if the clearing JVM kept using its cached generation (clear not
 * switching the local token at once) or its local copies survived the clear, A's immediate reads
 * fail; if a node cached the generation token, or kept local copies, for longer than the local
 * TTL, B's reads after the bound return old values. Verified by making
 * {@code MemcachedGlobalLayer.generation()} cache the token for 10x the TTL: both variants fail on
 * B's bound (and by skipping the local token update in {@code clear()}: A's immediate check fails).
 */
class ClearVisibilityTest {

  private static final Duration TTL = Duration.ofMillis(300);
  private static final long MARGIN_MILLIS = 50;
  private static final int KEYS = 10;

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  @ParameterizedTest(name = "local layer {0}")
  @ValueSource(strings = {"heap", "memcached"})
  void clearOnOneBoxEmptiesItAtOnceAndTheOtherBoxWithinTheLocalTtl(String localType) throws Exception {
    String name = Boxes.uniqueName("clear-" + localType);
    Cache<String, String> a = BOXES.open(localType, TTL).manager().createCache(name, Boxes.strings());
    Cache<String, String> b = BOXES.open(localType, TTL).manager().createCache(name, Boxes.strings());
    clearAndCheck(localType, a, b, TTL);
  }

  /**
   * The same with the local layer and TTL set per cache ({@link DualcacheConfiguration}) while the
   * managers keep the default 1 s: the cache's TTL is what bounds staleness for its entries, so it
   * should bound how late a clear() elsewhere shows up too.
   * Fails if the generation is cached for the manager's TTL instead of the cache's.
   */
  @Test
  void aPerCacheLocalTtlAlsoBoundsHowLateAClearShowsUp() throws Exception {
    String name = Boxes.uniqueName("clear-per-cache");
    Duration cacheTtl = Duration.ofMillis(200);
    MutableConfiguration<String, String> config = new DualcacheConfiguration<String, String>()
        .setLocalLayer(LocalLayerType.HEAP)
        .setLocalTtl(cacheTtl)
        .setTypes(String.class, String.class);
    Cache<String, String> a = BOXES.open("none", Duration.ofSeconds(1)).manager().createCache(name, config);
    Cache<String, String> b = BOXES.open("none", Duration.ofSeconds(1)).manager().createCache(name, config);
    clearAndCheck("heap per cache", a, b, cacheTtl);
  }

  private static void clearAndCheck(String label, Cache<String, String> a, Cache<String, String> b, Duration ttl)
      throws InterruptedException {
    Set<String> keys = new LinkedHashSet<>();
    for (int i = 0; i < KEYS; i++) {
      keys.add("k" + i);
      a.put("k" + i, "v" + i);
    }
    for (String key : keys) {
      assertEquals("v" + key.substring(1), b.get(key)); // B keeps local copies
      assertEquals("v" + key.substring(1), a.get(key)); // and so does A
    }

    a.clear();
    long clearEnd = System.nanoTime();

    for (String key : keys) {
      assertNull(a.get(key), "the clearing box must see its own clear at once: " + key);
      assertFalse(a.containsKey(key), "the clearing box must see its own clear at once: " + key);
    }
    assertTrue(a.getAll(keys).isEmpty(), "the clearing box must see its own clear at once (getAll)");

    long boundNanos = clearEnd + TimeUnit.MILLISECONDS.toNanos(ttl.toMillis() + MARGIN_MILLIS);
    long pollUntil = clearEnd + TimeUnit.MILLISECONDS.toNanos(ttl.toMillis() + 300);
    long lastOldStart = 0;
    int reads = 0;
    int readsAfterBound = 0;
    String lastOld = null;
    while (System.nanoTime() < pollUntil) {
      for (String key : keys) {
        long start = System.nanoTime();
        String value = b.get(key);
        String old = value != null ? "get(" + key + ")=" + value : null;
        if (old == null && b.containsKey(key)) {
          old = "containsKey(" + key + ")";
        }
        reads++;
        readsAfterBound += start > boundNanos ? 1 : 0;
        if (old != null) {
          lastOldStart = start;
          lastOld = old;
        }
      }
      long start = System.nanoTime();
      Map<String, String> all = b.getAll(keys);
      if (!all.isEmpty()) {
        lastOldStart = start;
        lastOld = "getAll=" + all;
      }
      Thread.sleep(2);
    }
    long lastOldMillis = lastOldStart == 0 ? -1 : TimeUnit.NANOSECONDS.toMillis(lastOldStart - clearEnd);
    System.out.printf("[clear %s] box B last saw an old entry in a read started %d ms after the clear returned"
        + " (-1: never; local TTL %d ms, %d reads)%n", label, lastOldMillis, ttl.toMillis(), reads);
    assertTrue(readsAfterBound > 0, "no read started after the bound: the machine is too slow to tell");
    assertTrue(lastOldStart <= boundNanos,
        "box B still saw " + lastOld + " in a read started " + lastOldMillis + " ms after the clear returned; bound: "
            + ttl.toMillis() + " + " + MARGIN_MILLIS + " ms");
  }
}
