package io.github.dualcache.frameworks.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.frameworks.spring.CustomerApps.RunningApp;
import io.github.dualcache.frameworks.spring.app.CustomerService;
import io.github.dualcache.testing.MemcachedExtension;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.JCacheMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import javax.cache.Cache;
import javax.cache.configuration.CompleteConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Micrometer's {@link JCacheMetrics} on a cache Spring Boot made, reading the JCache statistics
 * MXBean: real figures thanks to {@code dualcache.statistics} in the recipe's
 * {@code dualcache.json}, and none without it (Spring Boot creates its caches with a plain
 * {@code MutableConfiguration}, whose statistics are off).
 */
class SpringStatisticsTest {
  @RegisterExtension final MemcachedExtension memcached = new MemcachedExtension();

  @TempDir Path directory;

  /** One miss (and put), then two hits; the figures Micrometer reads for the "customers" cache. */
  private Figures callsThrough(boolean statistics) {
    try (RunningApp app = CustomerApps.start(CustomerApps.resources(directory, memcached.address(), statistics))) {
      Cache<Object, Object> cache = app.jcache().getCache("customers");
      MeterRegistry registry = new SimpleMeterRegistry();
      JCacheMetrics.monitor(registry, cache);
      CustomerService customers = app.customers();
      customers.find(1);
      customers.find(1);
      customers.find(1);
      return new Figures(
          statisticsEnabled(cache),
          registry.get("cache.gets").tag("result", "hit").functionCounter().count(),
          registry.get("cache.gets").tag("result", "miss").functionCounter().count(),
          registry.get("cache.puts").functionCounter().count(),
          customers.lookups());
    }
  }

  @SuppressWarnings("unchecked") // a class literal cannot name CompleteConfiguration's type arguments
  private static boolean statisticsEnabled(Cache<?, ?> cache) {
    return cache.getConfiguration(CompleteConfiguration.class).isStatisticsEnabled();
  }

  record Figures(boolean enabled, double hits, double misses, double puts, int lookups) {}

  @Test
  void jcacheMetricsReadHitsMissesAndPutsOfASpringMadeCache() {
    Figures figures = callsThrough(true);
    assertTrue(figures.enabled(), "dualcache.statistics turned statistics on for the cache Spring Boot created");
    assertEquals(2, figures.hits(), figures.toString());
    assertEquals(1, figures.misses(), figures.toString());
    assertEquals(1, figures.puts(), figures.toString());
    assertEquals(1, figures.lookups(), figures.toString());
  }

  @Test
  void withoutTheSettingEveryFigureStaysZero() {
    Figures figures = callsThrough(false);
    assertFalse(figures.enabled(), figures.toString());
    assertEquals(new Figures(false, 0, 0, 0, figures.lookups()), figures);
  }
}
