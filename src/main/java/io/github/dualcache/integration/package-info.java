/**
 * Internal: read-through and write-through, the calls to a cache's {@code CacheLoader} and
 * {@code CacheWriter} with the exceptions the spec requires.
 */
package io.github.dualcache.integration;
