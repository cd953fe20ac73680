package io.github.dualcache.management;

/**
 * dualcache's own counters for one cache in this JVM, split by layer, registered beside the
 * standard JCache statistics as
 * {@code io.github.dualcache:type=LayerStatistics,CacheManager=<uri>,Cache=<name>}.
 */
public interface LayerStatisticsMXBean {
  /** Reads answered by the global memcached cluster with a live entry. */
  long getGlobalHits();

  /** Reads that found no live entry in any layer. */
  long getMisses();

  /** Compare-and-set attempts that lost a race and were retried. */
  long getCasRetries();

  /** Calls that failed because a global memcached server was down, slow or refused them. */
  long getGlobalFailures();

  /** Bytes read from memcached that could not be decoded (foreign, truncated or hostile). */
  long getUnreadableEntries();

  void clear();
}
