package io.github.dualcache.cache;

import io.github.dualcache.time.TimeSource;
import java.net.URI;
import java.util.Properties;
import javax.cache.CacheManager;
import javax.cache.Caching;

/**
 * CacheManagers whose layers all read {@code time}, through the manager's package-private
 * constructor: what tests use to drive expiry and TTLs instead of sleeping. Unlike the provider's
 * managers they are not registered with it, so the test closes them itself.
 */
public final class ManagersOnClock {
  private static final String PROVIDER = "io.github.dualcache.spi.DualcacheCachingProvider";

  private ManagersOnClock() {}

  @SuppressWarnings("exports") // TimeSource is internal on purpose: only tests reach this seam
  public static CacheManager open(URI uri, ClassLoader classLoader, Properties properties, TimeSource time) {
    return new DualcacheCacheManager(Caching.getCachingProvider(PROVIDER), manager -> {}, uri, classLoader,
        properties, time);
  }
}
