package io.github.dualcache.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.config.DualcacheConfiguration;
import io.github.dualcache.config.LocalLayerType;
import io.github.dualcache.testing.Boxes;
import io.github.dualcache.time.ManualClock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * clear() on box A: A sees an empty cache at once (its own operation); box B, which holds local
 * copies of every entry, sees it empty no later than one local TTL after the clear returned; and
 * nothing B reads after that is an old entry, through get, getAll or containsKey. The boxes read
 * one {@link ManualClock}: the test moves time through the TTL instead of polling for it.
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
  private static final int KEYS = 10;

  private final ManualClock clock = new ManualClock();
  @RegisterExtension final Boxes boxes = Boxes.withGlobalServers(1).onClock(clock);

  @ParameterizedTest(name = "local layer {0}")
  @ValueSource(strings = {"heap", "memcached"})
  void clearOnOneBoxEmptiesItAtOnceAndTheOtherBoxWithinTheLocalTtl(String localType) {
    String name = Boxes.uniqueName("clear-" + localType);
    Cache<String, String> a = boxes.open(localType, TTL).manager().createCache(name, Boxes.strings());
    Cache<String, String> b = boxes.open(localType, TTL).manager().createCache(name, Boxes.strings());
    clearAndCheck(localType, a, b, TTL);
  }

  /**
   * The same with the local layer and TTL set per cache ({@link DualcacheConfiguration}) while the
   * managers keep the default 1 s: the cache's TTL is what bounds staleness for its entries, so it
   * should bound how late a clear() elsewhere shows up too.
   * Fails if the generation is cached for the manager's TTL instead of the cache's.
   */
  @Test
  void aPerCacheLocalTtlAlsoBoundsHowLateAClearShowsUp() {
    String name = Boxes.uniqueName("clear-per-cache");
    Duration cacheTtl = Duration.ofMillis(200);
    MutableConfiguration<String, String> config = new DualcacheConfiguration<String, String>()
        .setLocalLayer(LocalLayerType.HEAP)
        .setLocalTtl(cacheTtl)
        .setTypes(String.class, String.class);
    Cache<String, String> a = boxes.open("none", Duration.ofSeconds(1)).manager().createCache(name, config);
    Cache<String, String> b = boxes.open("none", Duration.ofSeconds(1)).manager().createCache(name, config);
    clearAndCheck("heap per cache", a, b, cacheTtl);
  }

  private void clearAndCheck(String label, Cache<String, String> a, Cache<String, String> b, Duration ttl) {
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

    for (String key : keys) {
      assertNull(a.get(key), "the clearing box must see its own clear at once: " + key);
      assertFalse(a.containsKey(key), "the clearing box must see its own clear at once: " + key);
    }
    assertTrue(a.getAll(keys).isEmpty(), "the clearing box must see its own clear at once (getAll)");

    // B read its generation token and filled its copies before the clear: one TTL after the clear
    // both are past their age, whatever B did meanwhile.
    clock.advance(ttl.dividedBy(2));
    keys.forEach(b::get);
    clock.advance(ttl.minus(ttl.dividedBy(2)));
    for (int round = 0; round < 3; round++) {
      for (String key : keys) {
        assertNull(b.get(key), "[" + label + "] box B still saw " + key + " one local TTL (" + ttl.toMillis()
            + " ms) after the clear returned");
        assertFalse(b.containsKey(key), "[" + label + "] box B still contains " + key + " one local TTL after the clear");
      }
      assertTrue(b.getAll(keys).isEmpty(), "[" + label + "] box B's getAll still saw old entries one local TTL after the clear");
      clock.advance(ttl.dividedBy(3));
    }
  }
}
