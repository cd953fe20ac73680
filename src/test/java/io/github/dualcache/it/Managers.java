package io.github.dualcache.it;

import io.github.dualcache.cache.ManagersOnClock;
import io.github.dualcache.testing.CloseAll;
import io.github.dualcache.time.TimeSource;
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
  /** The clock of the managers {@link #open} makes, or null for the system's. */
  private final TimeSource time;

  Managers() {
    this(null);
  }

  /** Managers whose layers all read {@code time}, so a test drives their TTLs instead of polling. */
  Managers(TimeSource time) {
    this.time = time;
  }

  static CachingProvider provider() {
    return Caching.getCachingProvider(PROVIDER);
  }

  /**
   * A new manager on {@code servers} with a 1 s operation timeout; {@code settings} are
   * alternating names and values that add to or override those.
   */
  CacheManager open(String servers, String... settings) {
    CacheManager manager = time == null
        ? openManager(servers, settings)
        : ManagersOnClock.open(uniqueUri(), Managers.class.getClassLoader(), properties(servers, settings), time);
    open.add(manager);
    return manager;
  }

  static CacheManager openManager(String servers, String... settings) {
    return provider().getCacheManager(uniqueUri(), Managers.class.getClassLoader(), properties(servers, settings));
  }

  private static Properties properties(String servers, String... settings) {
    if (settings.length % 2 != 0) {
      throw new IllegalArgumentException("settings come in name/value pairs");
    }
    Properties properties = new Properties();
    properties.setProperty("dualcache.global.servers", servers);
    properties.setProperty("dualcache.timeout", "1s");
    for (int i = 0; i < settings.length; i += 2) {
      properties.setProperty(settings[i], settings[i + 1]);
    }
    return properties;
  }

  private static URI uniqueUri() {
    return URI.create("dualcache://it-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
  }

  @Override
  public void close() {
    CloseAll.closeAll(open);
  }
}
