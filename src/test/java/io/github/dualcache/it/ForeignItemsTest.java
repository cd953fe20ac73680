package io.github.dualcache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.dualcache.testing.Boxes;
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

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  @Test
  void garbageAtTheEnvelopeLevelIsCountedAsUnreadable() throws Exception {
    CacheManager manager = BOXES.manager();
    Cache<String, String> cache = manager.createCache("foreign", new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class).setStatisticsEnabled(true));
    cache.put("k", "v");
    String itemKey = BOXES.global().keys().stream().filter(key -> !key.endsWith(":gen")).findFirst().orElseThrow();
    BOXES.global().rawSet(itemKey, "not an envelope".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0);

    assertNull(cache.get("k"));
    assertEquals(Set.of(), cache.getAll(Set.of("k")).keySet());
    ObjectName layers = new ObjectName("io.github.dualcache:type=LayerStatistics,CacheManager="
        + manager.getURI().toString().replace(':', '.') + ",Cache=foreign");
    assertEquals(2L, ManagementFactory.getPlatformMBeanServer().getAttribute(layers, "UnreadableEntries"));
  }
}
