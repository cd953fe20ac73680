package io.github.dualcache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.dualcache.testing.MemcachedExtension;
import io.github.dualcache.testing.MemcachedServer;
import io.github.dualcache.time.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
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

  @RegisterExtension static final MemcachedExtension MEMCACHED = new MemcachedExtension();

  private final ManualClock clock = new ManualClock();
  private final Managers managers = new Managers(clock);
  private final List<MemcachedServer> localServers = new ArrayList<>();

  @AfterEach
  void closeManagers() {
    try {
      managers.close();
    } finally {
      localServers.forEach(MemcachedServer::close);
    }
  }

  private CacheManager manager(String localType) {
    List<String> settings = new ArrayList<>(List.of(
        "dualcache.local.ttl", LOCAL_TTL.toMillis() + "ms", "dualcache.local.type", localType));
    if (localType.equals("memcached")) {
      MemcachedServer local = MemcachedServer.start();
      localServers.add(local);
      settings.addAll(List.of("dualcache.local.servers", local.address()));
    }
    return managers.open(MEMCACHED.address(), settings.toArray(new String[0]));
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
