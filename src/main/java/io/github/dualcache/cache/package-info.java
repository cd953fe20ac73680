/**
 * The JCache types {@code unwrap} hands out ({@link io.github.dualcache.cache.DualcacheCacheManager},
 * {@link io.github.dualcache.cache.DualcacheCache}, {@link io.github.dualcache.cache.DualcacheEntry})
 * and the exception a partly applied batch throws
 * ({@link io.github.dualcache.cache.IncompleteBatchException}, which names the keys written and not
 * written). The package-private classes here carry out each operation: reads, writes, removals
 * and entry processors, all committed through one compare-and-set loop.
 */
package io.github.dualcache.cache;
