package io.github.dualcache.it;

import static io.github.dualcache.it.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.dualcache.testing.Boxes;
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

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  private CacheManager manager(String localType) {
    return BOXES.open(localType, LOCAL_TTL).manager();
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
    eventually(LOCAL_TTL.plusSeconds(1), () -> {
      for (int i = 0; i < KEYS; i++) {
        assertNull(b.get("k" + i), "k" + i + " still visible through the other manager");
        assertFalse(b.containsKey("k" + i), "k" + i + " still contained in the other manager");
      }
    });

    b.put("after", "clear");
    assertEquals("clear", a.get("after"), "the cache must stay usable after clear()");
  }
}
