package io.github.dualcache.memcached;

import io.github.dualcache.jmx.LayerStatistics;
import io.github.dualcache.settings.DualcacheSettings;
import io.github.dualcache.tier.GlobalLayer;
import io.github.dualcache.time.TimeSource;
import java.time.Duration;

/** The global memcached cluster of one CacheManager: one client, shared by its caches. */
public final class GlobalMemcached implements AutoCloseable {
  private final MemcachedCluster cluster;
  private final DualcacheSettings settings;
  private final TimeSource time;

  public GlobalMemcached(DualcacheSettings settings, TimeSource time) {
    this.settings = settings;
    this.time = time;
    this.cluster = new MemcachedCluster("global", settings.globalServers(), settings.timeout(), time);
  }

  /**
   * The entries of the cache called {@code cacheName}, shared with every JVM using these servers.
   *
   * @param localTtl the cache's local TTL: how long this node may use its copy of the cache's
   *     generation, which bounds how late another JVM's {@code clear()} shows up here
   * @param statistics where the cache counts the calls made with a generation it could not re-read
   */
  public GlobalLayer cache(String cacheName, Duration localTtl, LayerStatistics statistics) {
    return new MemcachedGlobalLayer(cacheName, cluster, new KeyMapper(settings.namespace(), cacheName),
        localTtl.toMillis(), time, statistics);
  }

  @Override
  public void close() {
    cluster.close();
  }
}
