package io.github.dualcache.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dualcache.cache.DualcacheCache;
import io.github.dualcache.config.DualcacheConfiguration;
import io.github.dualcache.config.LocalLayerType;
import io.github.dualcache.testing.MemcachedServer;
import java.io.Serializable;
import java.time.Duration;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The README's code, as a user writes it: {@code Caching.getCachingProvider()} with nothing but
 * the server address configured (here through the system property, as a deployment would).
 */
class ReadmeExamplesTest {
  private MemcachedServer server;
  private String previousServers;

  @BeforeEach
  void start() {
    server = MemcachedServer.start();
    previousServers = System.setProperty("dualcache.global.servers", server.address());
  }

  @AfterEach
  void stop() {
    Caching.getCachingProvider().getCacheManager().close();
    if (previousServers == null) {
      System.clearProperty("dualcache.global.servers");
    } else {
      System.setProperty("dualcache.global.servers", previousServers);
    }
    server.close();
  }

  @Test
  void useIt() {
    CachingProvider provider = Caching.getCachingProvider();
    CacheManager manager = provider.getCacheManager();
    Cache<String, Integer> cache = manager.createCache("visits",
        new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
    cache.put("home", 1);
    cache.invoke("home", (entry, args) -> {
      entry.setValue(entry.getValue() + 1);
      return null;
    });
    assertEquals(2, cache.get("home"));
  }

  record Price(String currency, long cents) implements Serializable {}

  @Test
  void perCacheConfiguration() {
    CacheManager manager = Caching.getCachingProvider().getCacheManager();
    Cache<String, Price> prices = manager.createCache("prices", new DualcacheConfiguration<String, Price>()
        .setLocalLayer(LocalLayerType.HEAP)
        .setLocalTtl(Duration.ofMillis(250))
        .setTypes(String.class, Price.class)
        .setStatisticsEnabled(true));
    prices.put("tea", new Price("EUR", 250));
    assertEquals(new Price("EUR", 250), prices.get("tea"));
    assertEquals(new Price("EUR", 250), prices.get("tea"));
    assertEquals(1, prices.unwrap(DualcacheCache.class).layerStatistics().getLocalHits());
  }
}
