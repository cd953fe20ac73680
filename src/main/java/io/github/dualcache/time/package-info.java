/**
 * Internal: where dualcache reads the time ({@link io.github.dualcache.time.TimeSource}), one
 * source per CacheManager, so that tests drive time instead of sleeping.
 */
package io.github.dualcache.time;
