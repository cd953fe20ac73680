package io.github.dualcache.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.testing.MemcachedExtension;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Any cache name gets its MXBeans registered, found by their ObjectName, and unregistered on destroy. */
class MBeanNamesTest {

  @RegisterExtension static final MemcachedExtension MEMCACHED = new MemcachedExtension();

  private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();

  private CacheManager manager;

  @BeforeEach
  void open() {
    Properties properties = new Properties();
    properties.setProperty("dualcache.global.servers", MEMCACHED.address());
    manager = Caching.getCachingProvider("io.github.dualcache.spi.DualcacheCachingProvider")
        .getCacheManager(URI.create("dualcache://mbean-names"), getClass().getClassLoader(), properties);
  }

  @AfterEach
  void close() {
    manager.close();
  }

  private List<ObjectName> namesOf(String cacheName) {
    String uri = manager.getURI().toString();
    return List.of(
        MBeans.name("javax.cache", "CacheStatistics", uri, cacheName),
        MBeans.name("javax.cache", "CacheConfiguration", uri, cacheName),
        MBeans.name("io.github.dualcache", "LayerStatistics", uri, cacheName));
  }

  private void createManaged(String cacheName) {
    manager.createCache(cacheName, new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .setStatisticsEnabled(true)
        .setManagementEnabled(true));
  }

  @ParameterizedTest(name = "cache {0}")
  @ValueSource(strings = {"a*b", "what?", "say \"hi\"", "back\\slash", "a,b=c:d"})
  void namesWithObjectNameSpecialCharactersRegisterAndUnregister(String cacheName) {
    createManaged(cacheName);
    for (ObjectName name : namesOf(cacheName)) {
      assertFalse(name.isPattern(), name + " must name one MBean, not match many");
      assertEquals(Set.of(name), SERVER.queryNames(name, null), "registered under " + name);
    }
    manager.destroyCache(cacheName);
    for (ObjectName name : namesOf(cacheName)) {
      assertFalse(SERVER.isRegistered(name), "destroy unregisters " + name);
    }
  }

  @Test
  void theCacheNameSurvivesQuotingWhereItIsQuoted() throws Exception {
    createManaged("say \"hi\" *");
    String cache = namesOf("say \"hi\" *").get(0).getKeyProperty("Cache");
    assertEquals("say \"hi\" *", ObjectName.unquote(cache));
  }

  /** Users' dashboards query these names: ordinary caches keep the spec's unquoted form. */
  @Test
  void ordinaryNamesAreTheOnesTheSpecsReferenceImplementationGives() throws Exception {
    createManaged("prices");
    ObjectName expected = new ObjectName(
        "javax.cache:type=CacheStatistics,CacheManager=dualcache.//mbean-names,Cache=prices");
    assertEquals(expected, namesOf("prices").get(0));
    assertTrue(SERVER.isRegistered(expected));
  }
}
