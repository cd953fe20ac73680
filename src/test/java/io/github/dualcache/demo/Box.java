package io.github.dualcache.demo;

import io.github.dualcache.cache.DualcacheCache;
import java.net.URI;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * One simulated web box: a CacheManager of its own, with its own local layer, over the shared
 * global memcached; in production, one JVM per box. Its cache holds each act's vote count.
 */
final class Box implements AutoCloseable {
  static final String CACHE = "votes";

  final String name;
  final Cache<String, Long> votes;
  private final CacheManager manager;

  private Box(String name, CacheManager manager) {
    this.name = name;
    this.manager = manager;
    // Every box creates the cache; each attaches to what the global layer holds under the name.
    this.votes = manager.createCache(CACHE, new MutableConfiguration<String, Long>()
        .setTypes(String.class, Long.class)
        .setStatisticsEnabled(true)); // the live table shows local hits, counted only with statistics on
  }

  /**
   * Opens box number {@code number} (from 1) with the settings an application would put in its
   * configuration: the global servers, the local layer and its TTL.
   */
  static Box open(CachingProvider provider, int number, String run, Properties settings) {
    String name = "box-" + number;
    URI uri = URI.create("dualcache://" + run + "/" + name);
    return new Box(name, provider.getCacheManager(uri, Box.class.getClassLoader(), settings));
  }

  /** The reads this box's local layer has answered so far, from dualcache's layer statistics. */
  long localHits() {
    return votes.unwrap(DualcacheCache.class).layerStatistics().getLocalHits();
  }

  /** The calls to this box's local layer that failed (timed out), each read then going global. */
  long localFailures() {
    return votes.unwrap(DualcacheCache.class).layerStatistics().getLocalFailures();
  }

  @Override
  public void close() {
    manager.close();
  }
}
