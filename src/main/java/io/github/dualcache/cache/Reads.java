package io.github.dualcache.cache;

import io.github.dualcache.config.FailureMode;
import io.github.dualcache.event.Events;
import io.github.dualcache.expiry.ExpiryCalculator;
import io.github.dualcache.tier.StoredEntry;
import io.github.dualcache.tier.Versioned;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheException;

/**
 * Plain reads: {@code get}, {@code getAll}, {@code containsKey} and the iterator's entries. They may
 * be served by the local layer; a hit applies access expiry, a miss reports an expired entry and
 * may read through the loader.
 */
final class Reads<K, V> extends CacheOperations<K, V> {
  private static final long NOT_TIMED = Long.MIN_VALUE;
  private final boolean failsOpen;
  /** {@link ExpiryCalculator#accessKeepsDeadlines()}, held here: the hit in {@link #kept} reads one field less. */
  private final boolean accessKeepsDeadlines;

  Reads(CacheOperations<K, V> shared) {
    super(shared);
    this.failsOpen = layers.failureMode() == FailureMode.FAIL_OPEN;
    this.accessKeepsDeadlines = expiry.accessKeepsDeadlines();
  }

  V get(K key) {
    // a heap hit is a few clock reads long: take the time only when it is reported
    long start = statisticsEnabled() ? time.nanoTime() : NOT_TIMED;
    // an immutable key finds its heap copy by itself, so a hit does not encode it; the heap copy's
    // local TTL is judged on the store's coarse clock, a field read: the exact clock costs more than
    // the rest of the hit on many VMs
    long now = store.copyClockMillis();
    StoredEntry copy = store.readLocal(key, now);
    V kept = copy != null && start == NOT_TIMED ? kept(copy) : null;
    if (kept != null) {
      return kept;
    }
    V value = copy != null ? readCopy(key, copy, now) : readLayers(key);
    if (start != NOT_TIMED && statisticsEnabled()) {
      statistics.getTime(time.nanoTime() - start);
    }
    return value;
  }

  /**
   * The commonest heap hit, which has nothing to judge, count or move: the copy of an eternal entry,
   * whose immutable value an earlier hit decoded, in a cache whose expiry policy never moves a
   * deadline on access, with statistics off. It is kept apart and short because the JIT inlines a
   * read into its caller only while the read's compiled code is small ({@code InlineSmallCode},
   * 2.5 KB on x86-64; the read compiles to about 2.1 KB with this path, 3.6 KB without), and called
   * rather than inlined the hit took about a fifth longer in the JMH heap-hit benchmark.
   *
   * @return that value, or null if the copy needs the full {@link #readCopy}
   */
  @SuppressWarnings("unchecked")
  private V kept(StoredEntry copy) {
    return copy.deadline() == StoredEntry.ETERNAL && accessKeepsDeadlines ? (V) copy.kept() : null;
  }

  /** A read of the heap copy that {@code store.readLocal} found. */
  private V readCopy(K key, StoredEntry copy, long coarseNow) {
    layers.localHit();
    // JCache expiry is judged on the exact clock
    long now = copy.deadline() == StoredEntry.ETERNAL ? coarseNow : time.wallMillis();
    return readOne(key, null, new Versioned(copy, Versioned.NO_VERSION, true), now);
  }

  /** A read through the layers: the local one, then the global one. */
  private V readLayers(K key) {
    byte[] keyBytes = codec.key(key);
    Versioned found = readCached(keyBytes, Immutables.isImmutable(key) ? key : null);
    return readOne(key, keyBytes, found, time.wallMillis());
  }

  Map<K, V> getAll(Set<? extends K> keys) {
    long start = time.nanoTime();
    Map<K, byte[]> keyBytes = new LinkedHashMap<>();
    for (K key : keys) {
      keyBytes.put(key, codec.key(key));
    }
    Map<K, Versioned> found = readAllCached(keyBytes);
    Map<K, V> result = new HashMap<>();
    Events<K, V> batch = new Events<>();
    List<K> toLoad = new ArrayList<>();
    long now = time.wallMillis();
    for (K key : keys) {
      Seen<V> seen = codec.see(found.get(key), now);
      if (seen.live()) {
        result.put(key, seen.value());
        hit(key, keyBytes.get(key), seen, now);
      } else {
        miss(key, keyBytes.get(key), seen, batch, readsThrough());
        if (readsThrough()) {
          toLoad.add(key);
        }
      }
    }
    if (!toLoad.isEmpty()) {
      Map<K, V> loaded = loader.loadAll(toLoad);
      for (K key : toLoad) {
        V value = loaded == null ? null : loaded.get(key);
        if (value != null && storeLoaded(key, keyBytes.get(key), found.get(key), value, now, batch)) {
          result.put(key, value);
        }
      }
    }
    if (statisticsEnabled()) {
      statistics.getTime(time.nanoTime() - start);
    }
    events.dispatch(batch);
    return result;
  }

  boolean containsKey(K key) {
    byte[] keyBytes = codec.key(key);
    return codec.see(readCached(keyBytes, null), time.wallMillis()).live();
  }

  /**
   * A plain read; in a fail-open cache a global layer that fails reads as a miss. The failure mode
   * in effect (the cache's configuration, the file, the manager) is decided by the manager.
   */
  private Versioned readCached(byte[] keyBytes, Object immutableKey) {
    try {
      return store.readCached(keyBytes, immutableKey);
    } catch (CacheException e) {
      return failOpen(e, Versioned.absent());
    }
  }

  private <T> Map<T, Versioned> readAllCached(Map<T, byte[]> keyBytes) {
    try {
      return store.readAllCached(keyBytes);
    } catch (CacheException e) {
      Map<T, Versioned> misses = new HashMap<>();
      keyBytes.keySet().forEach(handle -> misses.put(handle, Versioned.absent()));
      return failOpen(e, misses);
    }
  }

  /**
   * Work a read does on the side (access expiry, removing what expired): a fail-open read skips
   * it when the global layer fails.
   */
  private void bestEffort(Runnable work) {
    try {
      work.run();
    } catch (CacheException e) {
      failOpen(e, null);
    }
  }

  private <T> T failOpen(CacheException failure, T miss) {
    if (!failsOpen) {
      throw failure;
    }
    layers.failedOpen();
    return miss;
  }

  /**
   * One key's read: a hit applies access expiry; a miss reports expiry and may read through.
   *
   * @param keyBytes the key encoded, or null if it was not needed to find {@code found}
   */
  private V readOne(K key, byte[] keyBytes, Versioned found, long now) {
    Seen<V> seen = codec.see(found, now);
    if (seen.live()) {
      hit(key, keyBytes, seen, now);
      return seen.value();
    }
    return missed(key, keyBytes, found, seen, now);
  }

  /** A read that found nothing live: the miss is reported, and the loader may read through. */
  private V missed(K key, byte[] keyBytes, Versioned found, Seen<V> seen, long now) {
    byte[] bytes = keyBytes != null ? keyBytes : codec.key(key);
    Events<K, V> batch = new Events<>();
    boolean readThrough = readsThrough();
    miss(key, bytes, seen, batch, readThrough);
    V value = readThrough ? loader.load(key) : null;
    if (value != null && !storeLoaded(key, bytes, found, value, now, batch)) {
      value = null;
    }
    events.dispatch(batch);
    return value;
  }

  /** @param keyBytes the key encoded, or null to encode it if access expiry needs it */
  private void hit(K key, byte[] keyBytes, Seen<V> seen, long now) {
    if (statisticsEnabled()) {
      statistics.hits(1);
    }
    long deadline = expiry.afterAccess(now);
    if (deadline != ExpiryCalculator.UNCHANGED) {
      byte[] bytes = keyBytes != null ? keyBytes : codec.key(key);
      bestEffort(() -> changeDeadline(bytes, seen, deadline));
    }
  }

  /** Records a miss; an expired entry is reported and, unless a load will replace it, removed. */
  private void miss(K key, byte[] keyBytes, Seen<V> seen, Events<K, V> batch, boolean willLoad) {
    layers.miss();
    if (statisticsEnabled()) {
      statistics.misses(1);
    }
    if (seen.expired()) {
      batch.expired(key, seen.expiredValue());
      if (!willLoad) {
        bestEffort(() -> store.compareAndSet(keyBytes, versioned(keyBytes, seen.versioned()), null));
      }
    }
  }

  /**
   * Stores a value the loader returned, unless another writer got there first.
   *
   * @return false if the value expires on creation (then the read returns nothing)
   */
  private boolean storeLoaded(K key, byte[] keyBytes, Versioned found, V value, long now, Events<K, V> batch) {
    try {
      return storeLoadedOrThrow(key, keyBytes, found, value, now, batch);
    } catch (CacheException e) {
      return failOpen(e, true);
    }
  }

  private boolean storeLoadedOrThrow(K key, byte[] keyBytes, Versioned found, V value, long now, Events<K, V> batch) {
    long deadline = expiry.afterCreation(now);
    Versioned expected = versioned(keyBytes, found);
    if (isExpiredAt(deadline, now)) {
      if (expected.occupied()) {
        store.compareAndSet(keyBytes, expected, null);
      }
      return false;
    }
    if (codec.see(expected, now).live()) {
      return true;
    }
    if (store.compareAndSet(keyBytes, expected, codec.entry(keyBytes, value, deadline))) {
      batch.created(key, value);
    }
    return true;
  }

  /** Moves an entry's deadline if nobody changed it meanwhile; losing that race is harmless. */
  private void changeDeadline(byte[] keyBytes, Seen<V> seen, long deadline) {
    Versioned expected = versioned(keyBytes, seen.versioned());
    if (expected.isPresent() && Arrays.equals(expected.entry().value(), seen.versioned().entry().value())) {
      store.compareAndSet(keyBytes, expected, expected.entry().withDeadline(deadline));
    }
  }

  /** One entry found by a scan, as the iterator yields it: a hit, with access expiry applied. */
  Cache.Entry<K, V> iterated(StoredEntry entry) {
    long start = time.nanoTime();
    long now = time.wallMillis();
    if (entry.isExpiredAt(now)) {
      return null;
    }
    K key = codec.key(entry);
    V value = codec.value(entry);
    if (key == null || value == null) {
      return null;
    }
    hit(key, entry.key(), new Seen<>(new Versioned(entry, Versioned.NO_VERSION, true), value, null), now);
    if (statisticsEnabled()) {
      statistics.getTime(time.nanoTime() - start);
    }
    return new DualcacheEntry<>(key, value);
  }

}
