package io.github.dualcache.it;

import io.github.dualcache.testing.CloseAll;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

/**
 * Opens dualcache CacheManagers through the standard JCache API, each under its own URI (so each
 * has its own memcached connections), and closes them all at the end of a test.
 */
final class Managers implements AutoCloseable {

  static final String PROVIDER = "io.github.dualcache.spi.DualcacheCachingProvider";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final List<CacheManager> open = new ArrayList<>();

  static CachingProvider provider() {
    return Caching.getCachingProvider(PROVIDER);
  }

  /**
   * A new manager on {@code servers} with a 1 s operation timeout; {@code settings} are
   * alternating names and values that add to or override those.
   */
  CacheManager open(String servers, String... settings) {
    CacheManager manager = openManager(servers, settings);
    open.add(manager);
    return manager;
  }

  static CacheManager openManager(String servers, String... settings) {
    if (settings.length % 2 != 0) {
      throw new IllegalArgumentException("settings come in name/value pairs");
    }
    Properties properties = new Properties();
    properties.setProperty("dualcache.global.servers", servers);
    properties.setProperty("dualcache.timeout", "1s");
    for (int i = 0; i < settings.length; i += 2) {
      properties.setProperty(settings[i], settings[i + 1]);
    }
    URI uri = URI.create("dualcache://it-" + ProcessHandle.current().pid() + "-"
        + COUNTER.incrementAndGet());
    return provider().getCacheManager(uri, Managers.class.getClassLoader(), properties);
  }

  @Override
  public void close() {
    CloseAll.closeAll(open);
  }
}
