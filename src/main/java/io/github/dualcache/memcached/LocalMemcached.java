package io.github.dualcache.memcached;

import io.github.dualcache.jmx.LayerStatistics;
import io.github.dualcache.settings.DualcacheSettings;
import io.github.dualcache.tier.LocalLayer;
import io.github.dualcache.time.TimeSource;
import java.time.Duration;

/**
 * The memcached on this host that serves as the local layer of one CacheManager, shared by every
 * JVM on the box (the seed's design). It is only a cache of the global layer, so it gets a short
 * timeout, and when it fails it is bypassed for {@link #BYPASS_NANOS} before being tried again.
 */
public final class LocalMemcached implements AutoCloseable {
  /** The most a call to the local memcached may wait before the read goes to the global layer. */
  static final Duration MAX_TIMEOUT = Duration.ofMillis(100);
  static final long BYPASS_NANOS = 1_000_000_000L;

  private final MemcachedCluster cluster;
  private final DualcacheSettings settings;
  private final TimeSource time;
  private volatile long bypassUntilNanos;

  public LocalMemcached(DualcacheSettings settings, TimeSource time) {
    this.settings = settings;
    this.time = time;
    this.bypassUntilNanos = time.nanoTime();
    Duration timeout = settings.timeout().compareTo(MAX_TIMEOUT) < 0 ? settings.timeout() : MAX_TIMEOUT;
    this.cluster = new MemcachedCluster("local", settings.localServers(), timeout, time);
  }

  /** The local layer of the cache called {@code cacheName}, counting into {@code statistics}. */
  public LocalLayer cache(String cacheName, Duration localTtl, LayerStatistics statistics) {
    return new MemcachedLocalLayer(this, new KeyMapper(settings.namespace(), cacheName), statistics, localTtl.toMillis());
  }

  /** The clock of this box: copies and tombstones carry its wall time (see {@link MemcachedLocalLayer}). */
  TimeSource time() {
    return time;
  }

  MemcachedCluster cluster() {
    return cluster;
  }

  boolean bypassed() {
    return time.nanoTime() - bypassUntilNanos < 0;
  }

  void failed() {
    bypassUntilNanos = time.nanoTime() + BYPASS_NANOS;
  }

  @Override
  public void close() {
    cluster.close();
  }
}
