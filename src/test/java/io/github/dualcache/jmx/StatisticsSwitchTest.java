package io.github.dualcache.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.cache.DualcacheCache;
import io.github.dualcache.management.LayerStatisticsMXBean;
import io.github.dualcache.testing.MemcachedExtension;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code dualcache.statistics=true} turns statistics and management on for caches whose
 * configuration never asked, as frameworks create them: dashboards read real figures.
 */
class StatisticsSwitchTest {

  @RegisterExtension static final MemcachedExtension MEMCACHED = new MemcachedExtension();

  private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

  private static CacheManager manager(String name, String statistics) {
    Properties properties = new Properties();
    properties.setProperty("dualcache.global.servers", MEMCACHED.address());
    if (statistics != null) {
      properties.setProperty("dualcache.statistics", statistics);
    }
    return Caching.getCachingProvider("io.github.dualcache.spi.DualcacheCachingProvider")
        .getCacheManager(URI.create("dualcache://" + name), StatisticsSwitchTest.class.getClassLoader(), properties);
  }

  @Test
  void oneSettingGivesEveryCacheStatisticsAndManagementBeans() throws Exception {
    try (CacheManager manager = manager("statistics-on", "true")) {
      Cache<String, String> cache = manager.createCache("framework-made", new MutableConfiguration<>());
      cache.put("k", "v");
      cache.get("k");
      cache.get("absent");
      String uri = manager.getURI().toString();
      ObjectName statistics = MBeans.name("javax.cache", "CacheStatistics", uri, "framework-made");
      assertEquals(1L, SERVER.getAttribute(statistics, "CacheHits"));
      assertEquals(1L, SERVER.getAttribute(statistics, "CacheMisses"));
      assertEquals(1L, SERVER.getAttribute(statistics, "CachePuts"));
      assertTrue(SERVER.isRegistered(MBeans.name("javax.cache", "CacheConfiguration", uri, "framework-made")));
      ObjectName layers = MBeans.name("io.github.dualcache", "LayerStatistics", uri, "framework-made");
      assertEquals(1L, SERVER.getAttribute(layers, "GlobalHits"));
      @SuppressWarnings("unchecked")
      CompleteConfiguration<String, String> configuration = cache.getConfiguration(CompleteConfiguration.class);
      assertTrue(configuration.isStatisticsEnabled());
    }
  }

  @Test
  void readsAreCountedByLayerOnlyWhileStatisticsAreOnAndSayWhyOtherwise() {
    try (CacheManager manager = manager("layer-reads", null)) {
      Cache<String, String> cache = manager.createCache("watched", new MutableConfiguration<String, String>());
      LayerStatisticsMXBean layers = cache.unwrap(DualcacheCache.class).layerStatistics();
      cache.put("k", "v");
      cache.get("k");
      IllegalStateException off = assertThrows(IllegalStateException.class, layers::getGlobalHits);
      assertTrue(off.getMessage().contains("setStatisticsEnabled(true)"), off.getMessage());
      assertThrows(IllegalStateException.class, layers::getLocalHits);
      assertThrows(IllegalStateException.class, layers::getMisses);
      assertEquals(0, layers.getLocalFailures(), "the other counts are always kept");

      manager.enableStatistics("watched", true);
      cache.get("k");
      cache.get("absent");
      assertEquals(1, layers.getGlobalHits(), "only the read made while statistics were on");
      assertEquals(1, layers.getMisses());
      assertEquals(0, layers.getLocalHits());
    }
  }

  @Test
  void offByDefaultAsTheSpecSays() {
    try (CacheManager manager = manager("statistics-default", null)) {
      manager.createCache("plain", new MutableConfiguration<String, String>());
      assertFalse(SERVER.isRegistered(
          MBeans.name("javax.cache", "CacheStatistics", manager.getURI().toString(), "plain")));
    }
  }
}
