package io.github.dualcache.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dualcache.cache.DualcacheCache;
import io.github.dualcache.testing.MemcachedServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Settings that reach one cache: from DualcacheConfiguration, from the JSON file, and the JSON codec. */
class PerCacheSettingsTest {
  private MemcachedServer server;
  private CacheManager manager;

  @BeforeEach
  void start() {
    server = MemcachedServer.start();
  }

  @AfterEach
  void stop() {
    if (manager != null) {
      manager.close();
    }
    server.close();
  }

  private CacheManager open(URI uri, String... settings) {
    Properties properties = new Properties();
    properties.setProperty("dualcache.global.servers", server.address());
    for (int i = 0; i < settings.length; i += 2) {
      properties.setProperty(settings[i], settings[i + 1]);
    }
    manager = Caching.getCachingProvider("io.github.dualcache.spi.DualcacheCachingProvider")
        .getCacheManager(uri, getClass().getClassLoader(), properties);
    return manager;
  }

  private static long localHitsAfterTwoReads(Cache<String, String> cache) {
    cache.getCacheManager().enableStatistics(cache.getName(), true);
    cache.put("k", "v");
    cache.get("k");
    cache.get("k");
    return cache.unwrap(DualcacheCache.class).layerStatistics().getLocalHits();
  }

  @Test
  void theFileNamedByTheUriGivesOneCacheItsOwnLocalLayer() {
    CacheManager manager = open(URI.create("classpath:dualcache-test.json"));
    Cache<String, String> prices = manager.createCache("prices", new MutableConfiguration<String, String>());
    Cache<String, String> others = manager.createCache("others", new MutableConfiguration<String, String>());
    assertEquals(1, localHitsAfterTwoReads(prices), "prices has a heap local layer from the file");
    assertEquals(0, localHitsAfterTwoReads(others), "others follow the manager: no local layer");
  }

  @Test
  void dualcacheConfigurationChoosesTheLayerInCode() {
    CacheManager manager = open(URI.create("dualcache://per-cache-code"));
    Cache<String, String> cache = manager.createCache("code", new DualcacheConfiguration<String, String>()
        .setLocalLayer(LocalLayerType.HEAP));
    assertEquals(1, localHitsAfterTwoReads(cache));
    @SuppressWarnings("unchecked")
    DualcacheConfiguration<String, String> configuration = cache.getConfiguration(DualcacheConfiguration.class);
    assertEquals(LocalLayerType.HEAP, configuration.getLocalLayer());
  }

  public record Price(String currency, long cents) {}

  @Test
  void theJsonCodecStoresPlainJsonInMemcached() {
    CacheManager manager = open(URI.create("dualcache://json"), "dualcache.codec", "json");
    Cache<String, Price> cache = manager.createCache("json",
        new MutableConfiguration<String, Price>().setTypes(String.class, Price.class));
    cache.put("p", new Price("EUR", 1250));
    assertEquals(new Price("EUR", 1250), cache.get("p"));
    String stored = server.keys().stream()
        .map(key -> new String(server.rawGet(key), StandardCharsets.ISO_8859_1))
        .filter(item -> item.contains("currency"))
        .findFirst().orElseThrow();
    assertEquals(true, stored.endsWith("{\"currency\":\"EUR\",\"cents\":1250}"), stored);
    assertThrows(IllegalArgumentException.class, () -> manager.createCache("untyped", new MutableConfiguration<>()));
  }
}
