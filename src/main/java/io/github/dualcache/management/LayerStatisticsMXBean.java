package io.github.dualcache.management;

/**
 * dualcache's own counters for one cache in this JVM, split by layer, registered beside the
 * standard JCache statistics as
 * {@code io.github.dualcache:type=LayerStatistics,CacheManager=<uri>,Cache=<name>} while the
 * cache's statistics are enabled.
 *
 * <p>Like the JCache statistics, the counts of reads (local hits, global hits, misses) are kept only
 * while statistics are enabled, and reading them otherwise throws {@link IllegalStateException}.
 * The other counts are always kept: a failure must be visible whatever the settings.
 */
public interface LayerStatisticsMXBean {
  /** Reads answered by the local layer. */
  long getLocalHits();

  /** Reads answered by the global memcached cluster with a live entry (after a local miss). */
  long getGlobalHits();

  /** Reads that found no live entry in any layer. */
  long getMisses();

  /** Copies kept in the local layer after a global read. */
  long getLocalFills();

  /** Local copies dropped because this JVM changed the entry. */
  long getInvalidations();

  /** Local layer calls that failed or timed out; the layer is then bypassed for a while. */
  long getLocalFailures();

  /** Reads of a fail-open cache that the global layer failed and that returned a miss instead. */
  long getFailedOpenReads();

  /**
   * What plain reads do when the global layer fails: {@code failFast} (throw) or {@code failOpen}
   * (miss), as set by {@code dualcache.failureMode} or the cache's configuration.
   */
  String getFailureMode();

  /**
   * Calls that went on with the last generation token known because it could not be re-read (its
   * server down or not answering); while they happen, a {@code clear()} by another JVM is not seen
   * here.
   */
  long getGenerationFallbacks();

  /** Compare-and-set attempts that lost a race and were retried. */
  long getCasRetries();

  /** Bytes read from memcached that could not be decoded (foreign, truncated or hostile). */
  long getUnreadableEntries();

  void clear();
}
