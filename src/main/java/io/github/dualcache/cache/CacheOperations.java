package io.github.dualcache.cache;

import io.github.dualcache.event.EventDispatcher;
import io.github.dualcache.event.Events;
import io.github.dualcache.expiry.ExpiryCalculator;
import io.github.dualcache.integration.ReadThrough;
import io.github.dualcache.integration.WriteThrough;
import io.github.dualcache.jmx.CacheStatistics;
import io.github.dualcache.jmx.LayerStatistics;
import io.github.dualcache.tier.StoredEntry;
import io.github.dualcache.tier.TieredStore;
import io.github.dualcache.tier.Versioned;
import io.github.dualcache.time.TimeSource;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
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
  /** Wall time for expiry deadlines, monotonic time for the statistics' durations. */
  final TimeSource time;

  CacheOperations(String name, MutableConfiguration<K, V> configuration, TieredStore store, EntryCodec<K, V> codec,
      ExpiryCalculator expiry, EventDispatcher<K, V> events, ReadThrough<K, V> loader, WriteThrough<K, V> writer,
      CacheStatistics statistics, LayerStatistics layers, TimeSource time) {
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
    this.time = time;
  }

  CacheOperations(CacheOperations<K, V> shared) {
    this(shared.name, shared.configuration, shared.store, shared.codec, shared.expiry, shared.events, shared.loader,
        shared.writer, shared.statistics, shared.layers, shared.time);
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

  /** How an operation counts in the JCache statistics, given its committed {@link Decision}. */
  enum Counting {
    /** A put or a removal, if it made one ({@code put}, {@code remove(k)}). */
    WRITE,
    /** A hit if it saw a live value, else a miss, with the get time; then its put or removal. */
    LOOKUP,
    /** A miss and a put if it stored, else a hit ({@code putIfAbsent}). */
    PUT_IF_ABSENT,
    /** Counted by the caller, for many keys at once ({@code putAll}, {@code removeAll}, loads). */
    BY_CALLER
  }

  /** One attempt's decision on the entry it read, with its CAS version. */
  @FunctionalInterface
  interface Step<K, V, R> {
    Decision<K, V, R> decide(Seen<V> seen, Versioned found, long now);
  }

  /**
   * The one compare-and-set loop of every value-dependent operation: read the entry with its
   * version, let {@code step} decide, and commit that decision only if nobody changed the entry
   * since; otherwise decide again on what is there now. The step may therefore run more than once,
   * but only the committed decision's events are dispatched (or added to {@code batch}, when not
   * null) and its statistics recorded.
   */
  final <R> Decision<K, V, R> mutate(K key, byte[] keyBytes, Counting counting, long start, Events<K, V> batch,
      Step<K, V, R> step) {
    for (int attempt = 1; ; attempt++) {
      Versioned found = store.read(keyBytes);
      long now = time.wallMillis();
      Decision<K, V, R> decision = step.decide(codec.see(found, now), found, now);
      boolean nothingToDo = !decision.writes() || (decision.next() == null && !found.occupied());
      if (nothingToDo || store.compareAndSet(keyBytes, found, decision.next())) {
        if (batch == null) {
          events.dispatch(decision.events());
        } else {
          batch.addAll(decision.events());
        }
        count(counting, decision, start);
        return decision;
      }
      contended(attempt, key);
    }
  }

  final void count(Counting counting, Decision<K, V, ?> decision, long start) {
    if (!statisticsEnabled() || counting == Counting.BY_CALLER) {
      return;
    }
    long elapsed = time.nanoTime() - start;
    if (counting == Counting.LOOKUP || counting == Counting.PUT_IF_ABSENT) {
      boolean hit = counting == Counting.PUT_IF_ABSENT ? !decision.put() : decision.previous() != null;
      if (hit) {
        statistics.hits(1);
      } else {
        statistics.misses(1);
      }
    }
    if (counting == Counting.LOOKUP) {
      statistics.getTime(elapsed);
    }
    if (decision.put()) {
      statistics.puts(1);
      statistics.putTime(elapsed);
    }
    if (decision.removal()) {
      statistics.removals(1);
      statistics.removeTime(elapsed);
    }
  }

  /** The entry of a new value, with its creation deadline; null if that is "expired now". */
  final StoredEntry created(byte[] keyBytes, V value, long now) {
    long deadline = expiry.afterCreation(now);
    return isExpiredAt(deadline, now) ? null : codec.entry(keyBytes, value, deadline);
  }

  /** The entry replacing a live one: the update deadline, or the old one if the policy keeps it. */
  final StoredEntry updated(Versioned found, byte[] keyBytes, V value, long now) {
    long deadline = expiry.afterUpdate(now);
    return codec.entry(keyBytes, value, deadline == ExpiryCalculator.UNCHANGED ? found.entry().deadline() : deadline);
  }

  /** The live entry with its access deadline, or null if the policy leaves the deadline alone. */
  final StoredEntry accessed(Versioned found, long now) {
    long deadline = expiry.afterAccess(now);
    return deadline == ExpiryCalculator.UNCHANGED ? null : found.entry().withDeadline(deadline);
  }

  /** Tells the writer about one operation once, however often its compare-and-set retries. */
  final class WriteOnce {
    private boolean told;

    void write(K key, V value) {
      if (writer != null && !told) {
        writer.write(new DualcacheEntry<>(key, value));
        told = true;
      }
    }

    void delete(K key) {
      if (writer != null && !told) {
        writer.delete(key);
        told = true;
      }
    }
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
