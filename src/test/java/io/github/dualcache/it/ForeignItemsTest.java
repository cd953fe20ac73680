package io.github.dualcache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.dualcache.testing.MemcachedExtension;
import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bytes that are not an envelope at all are misses that show in UnreadableEntries, not silent ones. */
class ForeignItemsTest {

  @RegisterExtension static final MemcachedExtension MEMCACHED = new MemcachedExtension();

  @Test
  void garbageAtTheEnvelopeLevelIsCountedAsUnreadable() throws Exception {
    try (Managers managers = new Managers()) {
      CacheManager manager = managers.open(MEMCACHED.address());
      Cache<String, String> cache = manager.createCache("foreign", new MutableConfiguration<String, String>()
          .setTypes(String.class, String.class).setStatisticsEnabled(true));
      cache.put("k", "v");
      String itemKey = MEMCACHED.server().keys().stream().filter(key -> !key.endsWith(":gen")).findFirst().orElseThrow();
      MEMCACHED.server().rawSet(itemKey, "not an envelope".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0);

      assertNull(cache.get("k"));
      assertEquals(Set.of(), cache.getAll(Set.of("k")).keySet());
      ObjectName layers = new ObjectName("io.github.dualcache:type=LayerStatistics,CacheManager="
          + manager.getURI().toString().replace(':', '.') + ",Cache=foreign");
      assertEquals(2L, ManagementFactory.getPlatformMBeanServer().getAttribute(layers, "UnreadableEntries"));
    }
  }
}
