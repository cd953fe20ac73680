/**
 * Internal: a cache's {@code ExpiryPolicy} turned into deadlines, with the spec's rules for zero,
 * null and failing durations.
 */
package io.github.dualcache.expiry;
