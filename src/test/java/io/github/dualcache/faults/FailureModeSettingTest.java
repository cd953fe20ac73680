package io.github.dualcache.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.cache.DualcacheCache;
import io.github.dualcache.config.DualcacheConfiguration;
import io.github.dualcache.config.FailureMode;
import io.github.dualcache.settings.DualcacheSettings;
import io.github.dualcache.testing.Boxes;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code dualcache.failureMode} ({@code failFast} | {@code failOpen}): settable per manager (the
 * {@code Properties}, a system property, the JSON file; the environment variable
 * {@code DUALCACHE_FAILUREMODE} goes through the same table) and per cache (the file's
 * {@code "caches"} section, and {@code DualcacheConfiguration}, which wins); shown in JMX as the
 * {@code FailureMode} attribute of the {@code LayerStatistics} MXBean; unknown values are errors
 * naming the valid ones. A framework user, who cannot call {@code setFailOpen}, now can choose it.
 */
class FailureModeSettingTest {
  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  @AfterEach
  void close() {
    BOXES.close();
    System.clearProperty(DualcacheSettings.FAILURE_MODE);
  }

  /** The mode as JMX shows it, read back as the setting it names. */
  private static FailureMode modeOf(Cache<?, ?> cache) {
    String shown = cache.unwrap(DualcacheCache.class).layerStatistics().getFailureMode();
    for (FailureMode mode : FailureMode.values()) {
      if (mode.toString().equals(shown)) {
        return mode;
      }
    }
    throw new AssertionError("JMX shows an unknown failure mode: " + shown);
  }

  @Test
  void aManagerSettingReachesCachesMadeWithPlainJCacheConfigurations() throws Exception {
    CacheManager manager = BOXES.manager("dualcache.failureMode", "failOpen",
        "dualcache.statistics", "true", "dualcache.timeout", "200ms");
    String name = Boxes.uniqueName("framework");
    Cache<String, String> cache = manager.createCache(name, Boxes.strings());
    assertEquals(FailureMode.FAIL_OPEN, modeOf(cache));
    ObjectName bean = new ObjectName("io.github.dualcache:type=LayerStatistics,CacheManager="
        + manager.getURI().toString().replaceAll("[,:=\n]", ".") + ",Cache=" + name);
    assertEquals("failOpen", ManagementFactory.getPlatformMBeanServer().getAttribute(bean, "FailureMode"));

    Faults.setUp(() -> cache.put("k", "v"));
    Faults.freeze(BOXES.global());
    assertNull(cache.get("k"), "a fail-open read of a frozen server is a miss");
    assertThrows(CacheException.class, () -> cache.put("k", "v2"), "writes still fail");
    BOXES.global().thaw();
  }

  @Test
  void aSystemPropertySetsItAndFailFastIsTheDefault() {
    assertEquals(FailureMode.FAIL_FAST, modeOf(BOXES.manager().createCache("default", Boxes.strings())));
    System.setProperty(DualcacheSettings.FAILURE_MODE, "FAILOPEN");
    assertEquals(FailureMode.FAIL_OPEN, modeOf(BOXES.manager().createCache("system", Boxes.strings())));
    assertEquals("DUALCACHE_FAILUREMODE", DualcacheSettings.environmentName(DualcacheSettings.FAILURE_MODE));
  }

  @Test
  void theFileSetsItPerManagerAndPerCacheAndCodeWins(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("dualcache.json");
    Files.writeString(file, """
        {
          "dualcache.global.servers": "%s",
          "dualcache.failureMode": "failOpen",
          "caches": {
            "strict": { "dualcache.failureMode": "failFast" },
            "open": { "dualcache.failureMode": "failOpen" }
          }
        }
        """.formatted(BOXES.globalServers()), StandardCharsets.UTF_8);
    CacheManager manager = Caching.getCachingProvider(Boxes.PROVIDER)
        .getCacheManager(file.toUri(), getClass().getClassLoader(), new Properties());
    try {
      assertEquals(FailureMode.FAIL_OPEN, modeOf(manager.createCache("any", Boxes.strings())));
      assertEquals(FailureMode.FAIL_FAST, modeOf(manager.createCache("strict", Boxes.strings())));
      assertEquals(FailureMode.FAIL_FAST, modeOf(manager.createCache("open",
          new DualcacheConfiguration<String, String>().setFailureMode(FailureMode.FAIL_FAST))), "code wins");
      assertEquals(FailureMode.FAIL_OPEN, modeOf(manager.createCache("strict-in-file",
          new DualcacheConfiguration<String, String>())), "unset in code follows the file's manager setting");
      assertEquals(FailureMode.FAIL_FAST, modeOf(manager.createCache("shorthand",
          new DualcacheConfiguration<String, String>().setFailOpen(false))));
    } finally {
      manager.close();
    }
  }

  @Test
  void unknownValuesAreErrorsNamingTheValidOnes(@TempDir Path folder) throws Exception {
    IllegalArgumentException property = assertThrows(IllegalArgumentException.class,
        () -> BOXES.manager("dualcache.failureMode", "open"));
    assertTrue(property.getMessage().contains("dualcache.failureMode=open"), property.getMessage());
    assertTrue(property.getMessage().contains("failFast, failOpen"), property.getMessage());

    Path file = folder.resolve("bad.json");
    Files.writeString(file, "{\"caches\": {\"c\": {\"dualcache.failureMode\": \"fail-open\"}}}", StandardCharsets.UTF_8);
    IllegalArgumentException perCache = assertThrows(IllegalArgumentException.class,
        () -> Caching.getCachingProvider(Boxes.PROVIDER).getCacheManager(file.toUri(), getClass().getClassLoader()));
    assertTrue(perCache.getMessage().contains("failFast, failOpen"), perCache.getMessage());
  }
}
