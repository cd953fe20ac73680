package io.github.dualcache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.dualcache.testing.Boxes;
import io.github.dualcache.time.ManualClock;
import java.time.Duration;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * clear() through one manager empties the cache for every other manager, at the latest one local
 * TTL later, whatever the local layer.
 */
class ClearAcrossManagersTest {

  private static final Duration LOCAL_TTL = Duration.ofMillis(200);
  private static final int KEYS = 20;

  private final ManualClock clock = new ManualClock();
  @RegisterExtension final Boxes boxes = Boxes.withGlobalServers(1).onClock(clock);

  private CacheManager manager(String localType) {
    return boxes.open(localType, LOCAL_TTL).manager();
  }

  @ParameterizedTest(name = "local layer {0}")
  @ValueSource(strings = {"none", "heap", "memcached"})
  void clearThroughOneManagerEmptiesTheOther(String localType) {
    String name = "clear-" + localType;
    MutableConfiguration<String, String> config =
        new MutableConfiguration<String, String>().setTypes(String.class, String.class);
    Cache<String, String> a = manager(localType).createCache(name, config);
    Cache<String, String> b = manager(localType).createCache(name, config);
    for (int i = 0; i < KEYS; i++) {
      a.put("k" + i, "v" + i);
    }
    for (int i = 0; i < KEYS; i++) {
      assertEquals("v" + i, b.get("k" + i)); // B now holds whatever it caches locally
    }

    a.clear();

    for (int i = 0; i < KEYS; i++) {
      assertNull(a.get("k" + i), "the clearing manager must see its own clear at once");
    }
    clock.advance(LOCAL_TTL); // B read its generation and filled its copies before the clear
    for (int i = 0; i < KEYS; i++) {
      assertNull(b.get("k" + i), "k" + i + " still visible through the other manager one local TTL after the clear");
      assertFalse(b.containsKey("k" + i), "k" + i + " still contained in the other manager one local TTL after the clear");
    }

    b.put("after", "clear");
    assertEquals("clear", a.get("after"), "the cache must stay usable after clear()");
  }
}
