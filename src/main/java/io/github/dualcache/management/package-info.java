/**
 * What JMX clients read besides JCache's own {@code CacheMXBean} and {@code CacheStatisticsMXBean}:
 * {@link io.github.dualcache.management.LayerStatisticsMXBean}, the per-layer counts of one cache
 * (local and global hits, misses, local fills and invalidations, failures, failed-open reads,
 * compare-and-set retries, unreadable entries), registered with the cache's statistics MBean
 * under {@code io.github.dualcache:type=LayerStatistics}.
 */
package io.github.dualcache.management;
