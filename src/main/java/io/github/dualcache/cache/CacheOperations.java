package io.github.dualcache.cache;

import io.github.dualcache.event.EventDispatcher;
import io.github.dualcache.expiry.ExpiryCalculator;
import io.github.dualcache.integration.ReadThrough;
import io.github.dualcache.integration.WriteThrough;
import io.github.dualcache.management.CacheStatistics;
import io.github.dualcache.management.LayerStatistics;
import io.github.dualcache.tier.StoredEntry;
import io.github.dualcache.tier.TieredStore;
import io.github.dualcache.tier.Versioned;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;

/**
 * What every operation of one cache works with: the two-level store, the codec, the expiry
 * policy, the listeners, the loader and writer, the statistics and the clock. The operation
 * classes extend it so their code reads as plain field access.
 */
class CacheOperations<K, V> {
  /** Compare-and-set attempts before an operation gives up under contention. */
  static final int MAX_ATTEMPTS = 500;

  final String name;
  final MutableConfiguration<K, V> configuration;
  final TieredStore store;
  final EntryCodec<K, V> codec;
  final ExpiryCalculator expiry;
  final EventDispatcher<K, V> events;
  /** The loader, or null; reads use it only when the cache is read-through. */
  final ReadThrough<K, V> loader;
  /** The writer when the cache is write-through, else null. */
  final WriteThrough<K, V> writer;
  final CacheStatistics statistics;
  final LayerStatistics layers;
  final LongSupplier clock;

  CacheOperations(String name, MutableConfiguration<K, V> configuration, TieredStore store, EntryCodec<K, V> codec,
      ExpiryCalculator expiry, EventDispatcher<K, V> events, ReadThrough<K, V> loader, WriteThrough<K, V> writer,
      CacheStatistics statistics, LayerStatistics layers, LongSupplier clock) {
    this.name = name;
    this.configuration = configuration;
    this.store = store;
    this.codec = codec;
    this.expiry = expiry;
    this.events = events;
    this.loader = loader;
    this.writer = writer;
    this.statistics = statistics;
    this.layers = layers;
    this.clock = clock;
  }

  CacheOperations(CacheOperations<K, V> shared) {
    this(shared.name, shared.configuration, shared.store, shared.codec, shared.expiry, shared.events, shared.loader,
        shared.writer, shared.statistics, shared.layers, shared.clock);
  }

  final boolean statisticsEnabled() {
    return configuration.isStatisticsEnabled();
  }

  final boolean readsThrough() {
    return loader != null && configuration.isReadThrough();
  }

  /** {@code found} itself if it carries a CAS version, else a fresh read that does. */
  final Versioned versioned(byte[] keyBytes, Versioned found) {
    return found.occupied() && found.version() == Versioned.NO_VERSION ? store.read(keyBytes) : found;
  }

  static boolean isExpiredAt(long deadline, long now) {
    return deadline != StoredEntry.ETERNAL && deadline <= now;
  }

  /** Backs off after a lost compare-and-set; gives up after {@link #MAX_ATTEMPTS}. */
  final void contended(int attempt, Object key) {
    layers.casRetry();
    if (attempt >= MAX_ATTEMPTS) {
      throw new CacheException("Cache " + name + " gave up on key " + key + " after " + attempt
          + " compare-and-set attempts lost to concurrent writers");
    }
    if (attempt > 1) {
      LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(Math.min(attempt, 50) * 20_000L));
    }
  }
}
