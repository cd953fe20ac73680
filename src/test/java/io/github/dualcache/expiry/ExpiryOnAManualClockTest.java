package io.github.dualcache.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.dualcache.cache.ManagersOnClock;
import io.github.dualcache.testing.MemcachedExtension;
import io.github.dualcache.time.ManualClock;
import java.net.URI;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A JCache expiry deadline is read on the CacheManager's clock, through every layer: an entry
 * created with a ten-minute expiry is there a millisecond before and gone at the deadline, in no
 * real time. memcached keeps the item for its own 601 s, so only the envelope's deadline decides.
 * Fails if any layer on the read path (the cache's expiry check, the heap copy's deadline) reads
 * the system clock, or if the expiry policy's duration is not applied.
 */
class ExpiryOnAManualClockTest {
  private static final long TEN_MINUTES_MILLIS = TimeUnit.MINUTES.toMillis(10);

  @RegisterExtension static final MemcachedExtension GLOBAL = new MemcachedExtension();

  private final ManualClock clock = new ManualClock();
  private CacheManager manager;

  @AfterEach
  void closeManager() {
    if (manager != null) {
      manager.close();
    }
  }

  @ParameterizedTest(name = "local layer {0}")
  @ValueSource(strings = {"none", "heap"})
  void anEntryExpiresWhenTheClockReachesItsCreationExpiry(String localType) {
    Properties properties = new Properties();
    properties.setProperty("dualcache.global.servers", GLOBAL.address());
    properties.setProperty("dualcache.local.type", localType);
    properties.setProperty("dualcache.local.ttl", "20m"); // longer than the expiry: the deadline must cap the copy
    manager = ManagersOnClock.open(URI.create("dualcache://expiry-" + UUID.randomUUID()), getClass().getClassLoader(),
        properties, clock);
    Cache<String, String> cache = manager.createCache("expiry-" + localType, new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, 10))));

    cache.put("k", "v");
    assertEquals("v", cache.get("k"));
    clock.advanceMillis(TEN_MINUTES_MILLIS - 1);
    assertEquals("v", cache.get("k"), "the entry expired before its ten minutes");

    clock.advanceMillis(1);
    assertNull(cache.get("k"), "the entry outlived its ten-minute expiry");
    assertFalse(cache.containsKey("k"));
  }
}
