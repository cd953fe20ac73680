/**
 * Internal: the two-level store. {@link io.github.dualcache.tier.TieredStore} decides what is read
 * where, and keeps a local copy from outliving a write ({@code InvalidationStamps}); it talks to a
 * {@link io.github.dualcache.tier.GlobalLayer} (authoritative) and a
 * {@link io.github.dualcache.tier.LocalLayer} (a short-lived copy: the in-process
 * {@link io.github.dualcache.tier.HeapLocalLayer} or a local memcached).
 */
package io.github.dualcache.tier;
