package io.github.dualcache.cache;

import io.github.dualcache.event.EventDispatcher;
import io.github.dualcache.event.Events;
import io.github.dualcache.expiry.ExpiryCalculator;
import io.github.dualcache.integration.ReadThrough;
import io.github.dualcache.integration.WriteThrough;
import io.github.dualcache.management.CacheConfigurationBean;
import io.github.dualcache.management.CacheStatistics;
import io.github.dualcache.management.LayerStatistics;
import io.github.dualcache.management.MBeans;
import io.github.dualcache.processor.ProcessorEntry;
import io.github.dualcache.processor.ProcessorResult;
import io.github.dualcache.tier.StoredEntry;
import io.github.dualcache.tier.TieredStore;
import io.github.dualcache.tier.Versioned;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import javax.cache.management.CacheStatisticsMXBean;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import javax.management.ObjectName;

/**
 * A JCache {@link Cache} whose entries live in the global memcached layer.
 *
 * <p>Every operation whose result depends on the current value reads it with its CAS version,
 * decides what the spec says should happen, and commits with compare-and-set, retrying on a lost
 * race; events and statistics are recorded only once the commit succeeded, so a retry never
 * reports a change twice. The cache writer is called before the commit (a failing writer leaves
 * the cache unchanged); under contention a retried operation may call it again with the outcome
 * that finally commits.
 */
public final class DualcacheCache<K, V> implements Cache<K, V> {
  private static final Logger LOGGER = Logger.getLogger(DualcacheCache.class.getName());
  private static final int MAX_ATTEMPTS = 500;

  private final String name;
  private final DualcacheCacheManager manager;
  private final MutableConfiguration<K, V> configuration;
  private final TieredStore store;
  private final EntryCodec<K, V> codec;
  private final ExpiryCalculator expiry;
  private final EventDispatcher<K, V> events;
  private final ReadThrough<K, V> loader;
  private final WriteThrough<K, V> writer;
  private final LongSupplier clock;
  private final ExecutorService loadExecutor;
  private final CacheStatistics statistics = new CacheStatistics();
  private final LayerStatistics layers;
  private final ObjectName statisticsName;
  private final ObjectName layerStatisticsName;
  private final ObjectName configurationName;
  private volatile boolean closed;

  DualcacheCache(DualcacheCacheManager manager, String name, MutableConfiguration<K, V> configuration,
      TieredStore store, EntryCodec<K, V> codec, LayerStatistics layers, LongSupplier clock, ExecutorService loadExecutor) {
    this.manager = manager;
    this.name = name;
    this.configuration = configuration;
    this.store = store;
    this.codec = codec;
    this.layers = layers;
    this.clock = clock;
    this.loadExecutor = loadExecutor;
    this.expiry = new ExpiryCalculator(configuration.getExpiryPolicyFactory().create());
    this.loader = configuration.getCacheLoaderFactory() == null
        ? null : new ReadThrough<>(configuration.getCacheLoaderFactory().create());
    this.writer = configuration.isWriteThrough() && configuration.getCacheWriterFactory() != null
        ? new WriteThrough<K, V>(configuration.getCacheWriterFactory().create())
        : null;
    this.events = new EventDispatcher<>(this);
    for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
      events.register(listener);
    }
    String uri = manager.getURI().toString();
    this.statisticsName = MBeans.name("javax.cache", "CacheStatistics", uri, name);
    this.layerStatisticsName = MBeans.name("io.github.dualcache", "LayerStatistics", uri, name);
    this.configurationName = MBeans.name("javax.cache", "CacheConfiguration", uri, name);
    setStatisticsEnabled(configuration.isStatisticsEnabled());
    setManagementEnabled(configuration.isManagementEnabled());
  }

  // ---- reads

  @Override
  public V get(K key) {
    ensureOpen();
    Objects.requireNonNull(key, "key");
    long start = System.nanoTime();
    byte[] keyBytes = codec.key(key);
    Events<K, V> batch = new Events<>();
    V value = readOne(key, keyBytes, store.readCached(keyBytes), batch, start);
    events.dispatch(batch);
    return value;
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    ensureOpen();
    requireNoNulls(keys, "keys");
    long start = System.nanoTime();
    Map<K, byte[]> keyBytes = new LinkedHashMap<>();
    for (K key : keys) {
      keyBytes.put(key, codec.key(key));
    }
    Map<K, Versioned> found = store.readAllCached(keyBytes);
    Map<K, V> result = new HashMap<>();
    Events<K, V> batch = new Events<>();
    List<K> toLoad = new ArrayList<>();
    long now = clock.getAsLong();
    for (K key : keys) {
      Seen<V> seen = codec.see(found.get(key), now);
      if (seen.live()) {
        result.put(key, seen.value());
        hit(keyBytes.get(key), seen, now);
      } else {
        miss(key, keyBytes.get(key), seen, batch, loader != null && configuration.isReadThrough());
        if (loader != null && configuration.isReadThrough()) {
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
      statistics.getTime(System.nanoTime() - start);
    }
    events.dispatch(batch);
    return result;
  }

  @Override
  public boolean containsKey(K key) {
    ensureOpen();
    Objects.requireNonNull(key, "key");
    byte[] keyBytes = codec.key(key);
    return codec.see(store.readCached(keyBytes), clock.getAsLong()).live();
  }

  /** One key's read: a hit applies access expiry; a miss reports expiry and may read through. */
  private V readOne(K key, byte[] keyBytes, Versioned found, Events<K, V> batch, long start) {
    long now = clock.getAsLong();
    Seen<V> seen = codec.see(found, now);
    V value;
    if (seen.live()) {
      hit(keyBytes, seen, now);
      value = seen.value();
    } else {
      boolean readThrough = loader != null && configuration.isReadThrough();
      miss(key, keyBytes, seen, batch, readThrough);
      value = readThrough ? loader.load(key) : null;
      if (value != null && !storeLoaded(key, keyBytes, found, value, now, batch)) {
        value = null;
      }
    }
    if (statisticsEnabled()) {
      statistics.getTime(System.nanoTime() - start);
    }
    return value;
  }

  private void hit(byte[] keyBytes, Seen<V> seen, long now) {
    if (statisticsEnabled()) {
      statistics.hits(1);
    }
    long deadline = expiry.afterAccess(now);
    if (deadline != ExpiryCalculator.UNCHANGED) {
      changeDeadline(keyBytes, seen, deadline);
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
        store.compareAndSet(keyBytes, versioned(keyBytes, seen.versioned()), null);
      }
    }
  }

  /**
   * Stores a value the loader returned, unless another writer got there first.
   *
   * @return false if the value expires on creation (then the read returns nothing)
   */
  private boolean storeLoaded(K key, byte[] keyBytes, Versioned found, V value, long now, Events<K, V> batch) {
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

  /** {@code found} itself if it carries a CAS version, else a fresh read that does. */
  private Versioned versioned(byte[] keyBytes, Versioned found) {
    return found.occupied() && found.version() == Versioned.NO_VERSION ? store.read(keyBytes) : found;
  }

  // ---- writes

  @Override
  public void put(K key, V value) {
    ensureOpen();
    checkEntry(key, value);
    long start = System.nanoTime();
    byte[] keyBytes = codec.key(key);
    if (writer != null) {
      writer.write(new DualcacheEntry<>(key, value));
    }
    Events<K, V> batch = new Events<>();
    boolean stored = putOne(key, keyBytes, value, true, batch);
    events.dispatch(batch);
    if (stored && statisticsEnabled()) {
      statistics.puts(1);
      statistics.putTime(System.nanoTime() - start);
    }
  }

  /**
   * Stores one value. When nobody listens and the deadline does not depend on whether the entry
   * existed, this is a single blind {@code set}; otherwise a compare-and-set that learns the old
   * value for the events and the expiry policy.
   *
   * @return whether the entry now holds {@code value}
   */
  private boolean putOne(K key, byte[] keyBytes, V value, boolean replaceExisting, Events<K, V> batch) {
    if (replaceExisting && !events.hasListeners() && expiry.sameForCreationAndUpdate()) {
      store.write(codec.entry(keyBytes, value, expiry.afterCreation(clock.getAsLong())));
      return true;
    }
    for (int attempt = 1; ; attempt++) {
      Versioned found = store.read(keyBytes);
      long now = clock.getAsLong();
      Seen<V> seen = codec.see(found, now);
      Events<K, V> attemptEvents = new Events<>();
      StoredEntry next;
      if (seen.live()) {
        if (!replaceExisting) {
          return false;
        }
        long deadline = expiry.afterUpdate(now);
        next = codec.entry(keyBytes, value, deadline == ExpiryCalculator.UNCHANGED ? found.entry().deadline() : deadline);
        attemptEvents.updated(key, value, seen.value());
      } else {
        if (seen.expired()) {
          attemptEvents.expired(key, seen.expiredValue());
        }
        long deadline = expiry.afterCreation(now);
        if (isExpiredAt(deadline, now)) {
          next = null;
          attemptEvents.expired(key, value);
        } else {
          next = codec.entry(keyBytes, value, deadline);
          attemptEvents.created(key, value);
        }
      }
      if ((next == null && !found.occupied()) || store.compareAndSet(keyBytes, found, next)) {
        batch.addAll(attemptEvents);
        return next != null;
      }
      contended(attempt, key);
    }
  }

  @Override
  public V getAndPut(K key, V value) {
    ensureOpen();
    checkEntry(key, value);
    long start = System.nanoTime();
    byte[] keyBytes = codec.key(key);
    if (writer != null) {
      writer.write(new DualcacheEntry<>(key, value));
    }
    Events<K, V> batch = new Events<>();
    for (int attempt = 1; ; attempt++) {
      Versioned found = store.read(keyBytes);
      long now = clock.getAsLong();
      Seen<V> seen = codec.see(found, now);
      Events<K, V> attemptEvents = new Events<>();
      StoredEntry next;
      if (seen.live()) {
        long deadline = expiry.afterUpdate(now);
        next = codec.entry(keyBytes, value, deadline == ExpiryCalculator.UNCHANGED ? found.entry().deadline() : deadline);
        attemptEvents.updated(key, value, seen.value());
      } else {
        if (seen.expired()) {
          attemptEvents.expired(key, seen.expiredValue());
        }
        long deadline = expiry.afterCreation(now);
        next = isExpiredAt(deadline, now) ? null : codec.entry(keyBytes, value, deadline);
        if (next == null) {
          attemptEvents.expired(key, value);
        } else {
          attemptEvents.created(key, value);
        }
      }
      if ((next == null && !found.occupied()) || store.compareAndSet(keyBytes, found, next)) {
        batch.addAll(attemptEvents);
        events.dispatch(batch);
        if (statisticsEnabled()) {
          if (seen.live()) {
            statistics.hits(1);
          } else {
            statistics.misses(1);
          }
          statistics.getTime(System.nanoTime() - start);
          if (next != null) {
            statistics.puts(1);
            statistics.putTime(System.nanoTime() - start);
          }
        }
        return seen.value();
      }
      contended(attempt, key);
    }
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    ensureOpen();
    Objects.requireNonNull(map, "map");
    for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
      checkEntry(entry.getKey(), entry.getValue());
    }
    long start = System.nanoTime();
    Map<K, V> toStore = new LinkedHashMap<>(map);
    CacheWriterException failure = null;
    if (writer != null) {
      List<Cache.Entry<? extends K, ? extends V>> toWrite = new ArrayList<>();
      map.forEach((key, value) -> toWrite.add(new DualcacheEntry<>(key, value)));
      failure = writer.writeAll(toWrite);
      for (Cache.Entry<? extends K, ? extends V> notWritten : toWrite) {
        toStore.remove(notWritten.getKey());
      }
    }
    int stored = storeAll(toStore, true);
    if (statisticsEnabled() && stored > 0) {
      statistics.puts(stored);
      statistics.putTime(System.nanoTime() - start);
    }
    if (failure != null) {
      throw failure;
    }
  }

  /** Stores each entry (bypassing the writer), dispatching the events once at the end. */
  private int storeAll(Map<K, V> entries, boolean replaceExisting) {
    Events<K, V> batch = new Events<>();
    int stored = 0;
    for (Map.Entry<K, V> entry : entries.entrySet()) {
      if (putOne(entry.getKey(), codec.key(entry.getKey()), entry.getValue(), replaceExisting, batch)) {
        stored++;
      }
    }
    events.dispatch(batch);
    return stored;
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    ensureOpen();
    checkEntry(key, value);
    long start = System.nanoTime();
    byte[] keyBytes = codec.key(key);
    boolean written = false;
    for (int attempt = 1; ; attempt++) {
      Versioned found = store.read(keyBytes);
      long now = clock.getAsLong();
      Seen<V> seen = codec.see(found, now);
      Events<K, V> attemptEvents = new Events<>();
      StoredEntry next = null;
      if (!seen.live()) {
        if (writer != null && !written) {
          writer.write(new DualcacheEntry<>(key, value));
          written = true;
        }
        if (seen.expired()) {
          attemptEvents.expired(key, seen.expiredValue());
        }
        long deadline = expiry.afterCreation(now);
        if (isExpiredAt(deadline, now)) {
          attemptEvents.expired(key, value);
        } else {
          next = codec.entry(keyBytes, value, deadline);
          attemptEvents.created(key, value);
        }
      }
      boolean unchanged = seen.live() || (next == null && !found.occupied());
      if (unchanged || store.compareAndSet(keyBytes, found, next)) {
        events.dispatch(attemptEvents);
        boolean result = next != null;
        if (statisticsEnabled()) {
          if (result) {
            statistics.puts(1);
            statistics.misses(1);
            statistics.putTime(System.nanoTime() - start);
          } else {
            statistics.hits(1);
          }
        }
        return result;
      }
      contended(attempt, key);
    }
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    ensureOpen();
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(oldValue, "oldValue");
    checkEntry(key, newValue);
    long start = System.nanoTime();
    Outcome<V> outcome = update(key, (seen, now) -> Objects.equals(seen.value(), oldValue), newValue);
    if (statisticsEnabled()) {
      if (outcome.changed()) {
        statistics.puts(1);
        statistics.putTime(System.nanoTime() - start);
      }
      statistics.getTime(System.nanoTime() - start);
      if (outcome.previous() != null) {
        statistics.hits(1);
      } else {
        statistics.misses(1);
      }
    }
    return outcome.changed();
  }

  @Override
  public boolean replace(K key, V value) {
    return getAndReplace(key, value) != null;
  }

  @Override
  public V getAndReplace(K key, V value) {
    ensureOpen();
    checkEntry(key, value);
    long start = System.nanoTime();
    Outcome<V> outcome = update(key, (seen, now) -> true, value);
    if (statisticsEnabled()) {
      statistics.getTime(System.nanoTime() - start);
      if (outcome.changed()) {
        statistics.hits(1);
        statistics.puts(1);
        statistics.putTime(System.nanoTime() - start);
      } else {
        statistics.misses(1);
      }
    }
    return outcome.changed() ? outcome.previous() : null;
  }

  /** Whether an update of a live entry should go ahead. */
  private interface UpdateCondition<V> {
    boolean test(Seen<V> seen, long now);
  }

  /** A live entry's value before a conditional operation and whether the operation changed it. */
  private record Outcome<V>(V previous, boolean changed) {}

  /**
   * Replaces a live entry with {@code newValue} if {@code condition} holds; when the entry is live
   * but the condition fails, it counts as an access for expiry, as the spec says.
   */
  private Outcome<V> update(K key, UpdateCondition<V> condition, V newValue) {
    byte[] keyBytes = codec.key(key);
    boolean written = false;
    for (int attempt = 1; ; attempt++) {
      Versioned found = store.read(keyBytes);
      long now = clock.getAsLong();
      Seen<V> seen = codec.see(found, now);
      if (!seen.live()) {
        return new Outcome<>(null, false);
      }
      StoredEntry next;
      boolean changes = condition.test(seen, now);
      if (changes) {
        if (writer != null && !written) {
          writer.write(new DualcacheEntry<>(key, newValue));
          written = true;
        }
        long deadline = expiry.afterUpdate(now);
        next = codec.entry(keyBytes, newValue, deadline == ExpiryCalculator.UNCHANGED ? found.entry().deadline() : deadline);
      } else {
        long deadline = expiry.afterAccess(now);
        if (deadline == ExpiryCalculator.UNCHANGED) {
          return new Outcome<>(seen.value(), false);
        }
        next = found.entry().withDeadline(deadline);
      }
      if (store.compareAndSet(keyBytes, found, next)) {
        if (changes) {
          Events<K, V> batch = new Events<>();
          batch.updated(key, newValue, seen.value());
          events.dispatch(batch);
        }
        return new Outcome<>(seen.value(), changes);
      }
      contended(attempt, key);
    }
  }

  // ---- removes

  @Override
  public boolean remove(K key) {
    ensureOpen();
    Objects.requireNonNull(key, "key");
    long start = System.nanoTime();
    if (writer != null) {
      writer.delete(key);
    }
    V removed = removeLive(key, codec.key(key), null);
    if (removed != null && statisticsEnabled()) {
      statistics.removals(1);
      statistics.removeTime(System.nanoTime() - start);
    }
    return removed != null;
  }

  @Override
  public boolean remove(K key, V oldValue) {
    ensureOpen();
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(oldValue, "oldValue");
    long start = System.nanoTime();
    byte[] keyBytes = codec.key(key);
    boolean removed = false;
    V previous = null;
    boolean written = false;
    for (int attempt = 1; ; attempt++) {
      Versioned found = store.read(keyBytes);
      long now = clock.getAsLong();
      Seen<V> seen = codec.see(found, now);
      previous = seen.value();
      if (!seen.live()) {
        break;
      }
      StoredEntry next;
      if (Objects.equals(seen.value(), oldValue)) {
        if (writer != null && !written) {
          writer.delete(key);
          written = true;
        }
        next = null;
      } else {
        long deadline = expiry.afterAccess(now);
        if (deadline == ExpiryCalculator.UNCHANGED) {
          break;
        }
        next = found.entry().withDeadline(deadline);
      }
      if (store.compareAndSet(keyBytes, found, next)) {
        removed = next == null;
        break;
      }
      contended(attempt, key);
    }
    if (removed) {
      Events<K, V> batch = new Events<>();
      batch.removed(key, oldValue);
      events.dispatch(batch);
    }
    if (statisticsEnabled()) {
      if (removed) {
        statistics.removals(1);
        statistics.removeTime(System.nanoTime() - start);
      }
      statistics.getTime(System.nanoTime() - start);
      if (previous != null) {
        statistics.hits(1);
      } else {
        statistics.misses(1);
      }
    }
    return removed;
  }

  @Override
  public V getAndRemove(K key) {
    ensureOpen();
    Objects.requireNonNull(key, "key");
    long start = System.nanoTime();
    if (writer != null) {
      writer.delete(key);
    }
    V removed = removeLive(key, codec.key(key), null);
    if (statisticsEnabled()) {
      statistics.getTime(System.nanoTime() - start);
      if (removed != null) {
        statistics.hits(1);
        statistics.removals(1);
        statistics.removeTime(System.nanoTime() - start);
      } else {
        statistics.misses(1);
      }
    }
    return removed;
  }

  /**
   * Removes a live entry and reports it; an expired one is reported as expired when
   * {@code expiredEvents} is given, and removed too.
   *
   * @return the removed live value, or null
   */
  private V removeLive(K key, byte[] keyBytes, Events<K, V> expiredEvents) {
    for (int attempt = 1; ; attempt++) {
      Versioned found = store.read(keyBytes);
      Seen<V> seen = codec.see(found, clock.getAsLong());
      if (!seen.live() && (expiredEvents == null || !seen.expired())) {
        return null;
      }
      if (store.compareAndSet(keyBytes, found, null)) {
        Events<K, V> batch = expiredEvents == null ? new Events<>() : expiredEvents;
        if (seen.live()) {
          batch.removed(key, seen.value());
        } else {
          batch.expired(key, seen.expiredValue());
        }
        if (expiredEvents == null) {
          events.dispatch(batch);
        }
        return seen.value();
      }
      contended(attempt, key);
    }
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    ensureOpen();
    requireNoNulls(keys, "keys");
    removeEach(new LinkedHashSet<>(keys));
  }

  @Override
  public void removeAll() {
    ensureOpen();
    Set<K> keys = new LinkedHashSet<>();
    for (StoredEntry entry : store.scan()) {
      K key = codec.key(entry);
      if (key != null) {
        keys.add(key);
      }
    }
    removeEach(keys);
  }

  /** Deletes through the writer, then removes each key the writer did not refuse. */
  private void removeEach(Set<K> keys) {
    CacheWriterException failure = null;
    Set<K> toRemove = new LinkedHashSet<>(keys);
    if (writer != null && !keys.isEmpty()) {
      Set<K> notDeleted = new LinkedHashSet<>(keys);
      failure = writer.deleteAll(notDeleted);
      toRemove.removeAll(notDeleted);
    }
    Events<K, V> batch = new Events<>();
    int removed = 0;
    for (K key : toRemove) {
      if (removeLive(key, codec.key(key), batch) != null) {
        removed++;
      }
    }
    events.dispatch(batch);
    if (statisticsEnabled()) {
      statistics.removals(removed);
    }
    if (failure != null) {
      throw failure;
    }
  }

  @Override
  public void clear() {
    ensureOpen();
    store.clear();
  }

  // ---- loading and processing

  @Override
  public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener completionListener) {
    ensureOpen();
    requireNoNulls(keys, "keys");
    if (loader == null) {
      if (completionListener != null) {
        completionListener.onCompletion();
      }
      return;
    }
    Set<K> requested = new LinkedHashSet<>(keys);
    loadExecutor.execute(() -> {
      try {
        List<K> toLoad = new ArrayList<>();
        for (K key : requested) {
          if (replaceExistingValues || !containsKey(key)) {
            toLoad.add(key);
          }
        }
        Map<K, V> loaded = new LinkedHashMap<>();
        if (!toLoad.isEmpty()) {
          Map<K, V> fromLoader = loader.loadAll(toLoad);
          for (K key : toLoad) {
            V value = fromLoader == null ? null : fromLoader.get(key);
            if (value != null) {
              loaded.put(key, value);
            }
          }
        }
        storeAll(loaded, replaceExistingValues);
        if (completionListener != null) {
          completionListener.onCompletion();
        }
      } catch (Exception e) {
        if (completionListener != null) {
          completionListener.onException(e);
        }
      }
    });
  }

  @Override
  public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
    ensureOpen();
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(processor, "entryProcessor");
    return new Invocation<>(this, key, processor, arguments).run();
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor,
      Object... arguments) {
    ensureOpen();
    requireNoNulls(keys, "keys");
    Objects.requireNonNull(processor, "entryProcessor");
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    for (K key : keys) {
      try {
        T result = invoke(key, processor, arguments);
        if (result != null) {
          results.put(key, ProcessorResult.of(result));
        }
      } catch (RuntimeException e) {
        results.put(key, ProcessorResult.failed(e));
      }
    }
    return results;
  }

  // ---- iteration

  @Override
  public Iterator<Cache.Entry<K, V>> iterator() {
    ensureOpen();
    return new EntryIterator<>(this, store.scan());
  }

  /** One entry found by a scan, as the iterator yields it: a hit, with access expiry applied. */
  Cache.Entry<K, V> iterated(StoredEntry entry) {
    long start = System.nanoTime();
    long now = clock.getAsLong();
    if (entry.isExpiredAt(now)) {
      return null;
    }
    K key = codec.key(entry);
    V value = codec.value(entry);
    if (key == null || value == null) {
      return null;
    }
    hit(entry.key(), new Seen<>(new Versioned(entry, Versioned.NO_VERSION, true), value, null), now);
    if (statisticsEnabled()) {
      statistics.getTime(System.nanoTime() - start);
    }
    return new DualcacheEntry<>(key, value);
  }

  /** {@code Iterator.remove()}: the entry the iterator returned last, as {@link #remove(Object)}. */
  void removeIterated(Cache.Entry<K, V> entry) {
    remove(entry.getKey());
  }

  // ---- configuration, lifecycle, management

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> type) {
    if (type.isInstance(configuration)) {
      return type.cast(configuration);
    }
    throw new IllegalArgumentException("The configuration of a dualcache cache is a " + configuration.getClass().getName()
        + ", not a " + type.getName());
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public CacheManager getCacheManager() {
    return manager;
  }

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    ensureOpen();
    Objects.requireNonNull(listenerConfiguration, "cacheEntryListenerConfiguration");
    configuration.addCacheEntryListenerConfiguration(listenerConfiguration);
    events.register(listenerConfiguration);
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    ensureOpen();
    Objects.requireNonNull(listenerConfiguration, "cacheEntryListenerConfiguration");
    configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
    events.deregister(listenerConfiguration);
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    manager.release(this);
    MBeans.unregister(statisticsName);
    MBeans.unregister(layerStatisticsName);
    MBeans.unregister(configurationName);
    events.close();
    store.close();
    closeQuietly(loader == null ? null : loader.loader());
    closeQuietly(writer == null ? null : writer.writer());
    closeQuietly(expiry.policy());
  }

  /** Empties the cache for every JVM, then closes it here: what {@code destroyCache} does. */
  void destroy() {
    if (!closed) {
      store.clear();
    }
    close();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new IllegalArgumentException("Cannot unwrap a dualcache cache to " + type);
  }

  void setStatisticsEnabled(boolean enabled) {
    configuration.setStatisticsEnabled(enabled);
    if (enabled) {
      MBeans.register(statistics, statisticsName);
      MBeans.register(layers, layerStatisticsName);
    } else {
      MBeans.unregister(statisticsName);
      MBeans.unregister(layerStatisticsName);
    }
  }

  void setManagementEnabled(boolean enabled) {
    configuration.setManagementEnabled(enabled);
    if (enabled) {
      MBeans.register(new CacheConfigurationBean(configuration), configurationName);
    } else {
      MBeans.unregister(configurationName);
    }
  }

  /** The standard JCache statistics of this cache in this JVM. */
  public CacheStatisticsMXBean statistics() {
    return statistics;
  }

  /** dualcache's per-layer counters of this cache in this JVM. */
  public LayerStatistics layerStatistics() {
    return layers;
  }

  // ---- shared with Invocation and EntryIterator

  TieredStore store() {
    return store;
  }

  EntryCodec<K, V> codec() {
    return codec;
  }

  ExpiryCalculator expiry() {
    return expiry;
  }

  ReadThrough<K, V> readThroughLoader() {
    return loader != null && configuration.isReadThrough() ? loader : null;
  }

  WriteThrough<K, V> writer() {
    return writer;
  }

  EventDispatcher<K, V> events() {
    return events;
  }

  CacheStatistics statisticsIfEnabled() {
    return statisticsEnabled() ? statistics : null;
  }

  long now() {
    return clock.getAsLong();
  }

  static boolean isExpiredAt(long deadline, long now) {
    return deadline != StoredEntry.ETERNAL && deadline <= now;
  }

  /** Backs off after a lost compare-and-set; gives up after {@link #MAX_ATTEMPTS}. */
  void contended(int attempt, K key) {
    layers.casRetry();
    if (attempt >= MAX_ATTEMPTS) {
      throw new CacheException("Cache " + name + " gave up on key " + key + " after " + attempt
          + " compare-and-set attempts lost to concurrent writers");
    }
    if (attempt > 1) {
      LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(Math.min(attempt, 50) * 20_000L));
    }
  }

  private boolean statisticsEnabled() {
    return configuration.isStatisticsEnabled();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("Cache " + name + " is closed");
    }
  }

  private void checkEntry(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    CompleteConfiguration<K, V> types = configuration;
    if (types.getKeyType() != Object.class && !types.getKeyType().isInstance(key)) {
      throw new ClassCastException("Key " + key + " is not a " + types.getKeyType().getName());
    }
    if (types.getValueType() != Object.class && !types.getValueType().isInstance(value)) {
      throw new ClassCastException("Value " + value + " is not a " + types.getValueType().getName());
    }
  }

  private static void requireNoNulls(Set<?> keys, String what) {
    Objects.requireNonNull(keys, what);
    for (Object key : keys) {
      Objects.requireNonNull(key, what + " contains null");
    }
  }

  private static void closeQuietly(Object resource) {
    if (resource instanceof Closeable closeable) {
      try {
        closeable.close();
      } catch (IOException e) {
        LOGGER.log(Level.WARNING, "Closing " + resource, e);
      }
    }
  }

  /** Wraps what a processor threw as the spec says: cache exceptions as they are, others wrapped. */
  static RuntimeException processorFailure(Exception e) {
    return e instanceof CacheException cacheException ? cacheException : new EntryProcessorException(e);
  }
}
