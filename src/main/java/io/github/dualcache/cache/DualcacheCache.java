package io.github.dualcache.cache;

import io.github.dualcache.event.EventDispatcher;
import io.github.dualcache.expiry.ExpiryCalculator;
import io.github.dualcache.integration.ReadThrough;
import io.github.dualcache.integration.WriteThrough;
import io.github.dualcache.jmx.CacheConfigurationBean;
import io.github.dualcache.jmx.CacheStatistics;
import io.github.dualcache.jmx.LayerStatistics;
import io.github.dualcache.jmx.MBeans;
import io.github.dualcache.management.LayerStatisticsMXBean;
import io.github.dualcache.processor.ProcessorResult;
import io.github.dualcache.tier.TieredStore;
import io.github.dualcache.time.TimeSource;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CompletionListener;
import javax.cache.management.CacheStatisticsMXBean;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;
import javax.management.ObjectName;

/**
 * A JCache {@link Cache} whose entries live in the global memcached layer, fronted by a local one.
 *
 * <p>This class checks arguments and state and hands each operation to the class that owns it:
 * {@link Reads}, {@link Writes}, {@link Removals}, {@link Invocation}. Operations whose result
 * depends on the current value read it with its CAS version and commit with compare-and-set,
 * retrying on a lost race; events and statistics are recorded once, for the commit that
 * succeeded. The cache writer is called before the commit, so a failing writer leaves the cache
 * unchanged; under contention a retried operation may call it again with the outcome that finally
 * commits.
 */
public final class DualcacheCache<K, V> implements Cache<K, V> {

  private final DualcacheCacheManager manager;
  private final CacheOperations<K, V> shared;
  private final Reads<K, V> reads;
  private final Writes<K, V> writes;
  private final Removals<K, V> removals;
  private final ExecutorService loadExecutor;
  private final ObjectName statisticsName;
  private final ObjectName layerStatisticsName;
  private final ObjectName configurationName;
  private volatile boolean closed;

  DualcacheCache(DualcacheCacheManager manager, String name, MutableConfiguration<K, V> configuration,
      TieredStore store, EntryCodec<K, V> codec, LayerStatistics layers, TimeSource time, ExecutorService loadExecutor) {
    this.manager = manager;
    this.loadExecutor = loadExecutor;
    ReadThrough<K, V> loader = configuration.getCacheLoaderFactory() == null
        ? null : new ReadThrough<>(configuration.getCacheLoaderFactory().create());
    WriteThrough<K, V> writer = configuration.isWriteThrough() && configuration.getCacheWriterFactory() != null
        ? new WriteThrough<K, V>(configuration.getCacheWriterFactory().create())
        : null;
    EventDispatcher<K, V> events = new EventDispatcher<>(this);
    for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
      events.register(listener);
    }
    this.shared = new CacheOperations<>(name, configuration, store, codec,
        new ExpiryCalculator(configuration.getExpiryPolicyFactory().create()), events, loader, writer,
        new CacheStatistics(), layers, time);
    this.reads = new Reads<>(shared);
    this.writes = new Writes<>(shared);
    this.removals = new Removals<>(shared);
    String uri = manager.getURI().toString();
    this.statisticsName = MBeans.name("javax.cache", "CacheStatistics", uri, name);
    this.layerStatisticsName = MBeans.name("io.github.dualcache", "LayerStatistics", uri, name);
    this.configurationName = MBeans.name("javax.cache", "CacheConfiguration", uri, name);
    setStatisticsEnabled(configuration.isStatisticsEnabled());
    setManagementEnabled(configuration.isManagementEnabled());
  }

  @Override
  public V get(K key) {
    ensureOpen();
    Objects.requireNonNull(key, "key");
    return reads.get(key);
  }

  @Override
  public Map<K, V> getAll(Set<? extends K> keys) {
    ensureOpen();
    requireNoNulls(keys);
    return reads.getAll(keys);
  }

  @Override
  public boolean containsKey(K key) {
    ensureOpen();
    Objects.requireNonNull(key, "key");
    return reads.containsKey(key);
  }

  @Override
  public void put(K key, V value) {
    ensureOpen();
    checkEntry(key, value);
    writes.put(key, value);
  }

  @Override
  public V getAndPut(K key, V value) {
    ensureOpen();
    checkEntry(key, value);
    return writes.getAndPut(key, value);
  }

  @Override
  public void putAll(Map<? extends K, ? extends V> map) {
    ensureOpen();
    Objects.requireNonNull(map, "map");
    map.forEach(this::checkEntry);
    writes.putAll(map);
  }

  @Override
  public boolean putIfAbsent(K key, V value) {
    ensureOpen();
    checkEntry(key, value);
    return writes.putIfAbsent(key, value);
  }

  @Override
  public boolean replace(K key, V oldValue, V newValue) {
    ensureOpen();
    Objects.requireNonNull(oldValue, "oldValue");
    checkEntry(key, newValue);
    return writes.replace(key, oldValue, newValue);
  }

  @Override
  public boolean replace(K key, V value) {
    ensureOpen();
    checkEntry(key, value);
    return writes.replace(key, value);
  }

  @Override
  public V getAndReplace(K key, V value) {
    ensureOpen();
    checkEntry(key, value);
    return writes.getAndReplace(key, value);
  }

  @Override
  public boolean remove(K key) {
    ensureOpen();
    Objects.requireNonNull(key, "key");
    return removals.remove(key);
  }

  @Override
  public boolean remove(K key, V oldValue) {
    ensureOpen();
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(oldValue, "oldValue");
    return removals.remove(key, oldValue);
  }

  @Override
  public V getAndRemove(K key) {
    ensureOpen();
    Objects.requireNonNull(key, "key");
    return removals.getAndRemove(key);
  }

  @Override
  public void removeAll(Set<? extends K> keys) {
    ensureOpen();
    requireNoNulls(keys);
    removals.removeAll(keys);
  }

  @Override
  public void removeAll() {
    ensureOpen();
    removals.removeAll();
  }

  @Override
  public void clear() {
    ensureOpen();
    shared.store.clear();
  }

  /** Loads in the background; values loaded this way are stored without calling the writer. */
  @Override
  public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener completionListener) {
    ensureOpen();
    requireNoNulls(keys);
    if (shared.loader == null) {
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
          if (replaceExistingValues || !reads.containsKey(key)) {
            toLoad.add(key);
          }
        }
        Map<K, V> loaded = new LinkedHashMap<>();
        if (!toLoad.isEmpty()) {
          Map<K, V> fromLoader = shared.loader.loadAll(toLoad);
          for (K key : toLoad) {
            V value = fromLoader == null ? null : fromLoader.get(key);
            if (value != null) {
              loaded.put(key, value);
            }
          }
        }
        writes.storeAll(loaded, replaceExistingValues, null);
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
    return new Invocation<>(shared, key, processor, arguments).run();
  }

  @Override
  public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor,
      Object... arguments) {
    ensureOpen();
    requireNoNulls(keys);
    Objects.requireNonNull(processor, "entryProcessor");
    Map<K, EntryProcessorResult<T>> results = new HashMap<>();
    for (K key : keys) {
      try {
        T result = new Invocation<>(shared, key, processor, arguments).run();
        if (result != null) {
          results.put(key, ProcessorResult.of(result));
        }
      } catch (RuntimeException e) {
        results.put(key, ProcessorResult.failed(e));
      }
    }
    return results;
  }

  @Override
  public Iterator<Cache.Entry<K, V>> iterator() {
    ensureOpen();
    return new EntryIterator<>(reads, this::remove, shared.store.scan());
  }

  @Override
  public <C extends Configuration<K, V>> C getConfiguration(Class<C> type) {
    if (type.isInstance(shared.configuration)) {
      return type.cast(shared.configuration);
    }
    throw new IllegalArgumentException("The configuration of a dualcache cache is a "
        + shared.configuration.getClass().getName() + ", not a " + type.getName());
  }

  @Override
  public String getName() {
    return shared.name;
  }

  @Override
  public CacheManager getCacheManager() {
    return manager;
  }

  @Override
  public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    ensureOpen();
    Objects.requireNonNull(listenerConfiguration, "cacheEntryListenerConfiguration");
    shared.configuration.addCacheEntryListenerConfiguration(listenerConfiguration);
    shared.events.register(listenerConfiguration);
  }

  @Override
  public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
    ensureOpen();
    Objects.requireNonNull(listenerConfiguration, "cacheEntryListenerConfiguration");
    shared.configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
    shared.events.deregister(listenerConfiguration);
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    new Cleanup("cache " + shared.name)
        .then("forgetting it in its manager", () -> manager.release(this))
        .then("unregistering its statistics MBean", () -> MBeans.unregister(statisticsName))
        .then("unregistering its layer statistics MBean", () -> MBeans.unregister(layerStatisticsName))
        .then("unregistering its configuration MBean", () -> MBeans.unregister(configurationName))
        .then("closing its listeners", shared.events::close)
        .then("closing its local layer", shared.store::close)
        .then("closing its loader", () -> closeIfCloseable(shared.loader == null ? null : shared.loader.loader()))
        .then("closing its writer", () -> closeIfCloseable(shared.writer == null ? null : shared.writer.writer()))
        .then("closing its expiry policy", () -> closeIfCloseable(shared.expiry.policy()));
  }

  /** Empties the cache for every JVM, then closes it here: what {@code destroyCache} does. */
  void destroy() {
    if (!closed) {
      shared.store.clear();
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
    shared.configuration.setStatisticsEnabled(enabled);
    shared.layers.countReads(enabled);
    if (enabled) {
      MBeans.register(shared.statistics, statisticsName);
      MBeans.register(shared.layers, layerStatisticsName);
    } else {
      MBeans.unregister(statisticsName);
      MBeans.unregister(layerStatisticsName);
    }
  }

  void setManagementEnabled(boolean enabled) {
    shared.configuration.setManagementEnabled(enabled);
    if (enabled) {
      MBeans.register(new CacheConfigurationBean(shared.configuration), configurationName);
    } else {
      MBeans.unregister(configurationName);
    }
  }

  /** The standard JCache statistics of this cache in this JVM. */
  public CacheStatisticsMXBean statistics() {
    return shared.statistics;
  }

  /**
   * dualcache's per-layer counters of this cache in this JVM. Local hits, global hits and misses
   * are counted only while the cache's statistics are enabled, and reading them otherwise throws
   * {@link IllegalStateException}; the other counts are always kept.
   */
  public LayerStatisticsMXBean layerStatistics() {
    return shared.layers;
  }

  TieredStore store() {
    return shared.store;
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("Cache " + shared.name + " is closed");
    }
  }

  private void checkEntry(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    Class<K> keyType = shared.configuration.getKeyType();
    Class<V> valueType = shared.configuration.getValueType();
    if (keyType != Object.class && !keyType.isInstance(key)) {
      throw new ClassCastException("Key " + key + " is not a " + keyType.getName());
    }
    if (valueType != Object.class && !valueType.isInstance(value)) {
      throw new ClassCastException("Value " + value + " is not a " + valueType.getName());
    }
  }

  private static void requireNoNulls(Set<?> keys) {
    Objects.requireNonNull(keys, "keys");
    for (Object key : keys) {
      Objects.requireNonNull(key, "keys contains null");
    }
  }

  /** The spec: a loader, writer, listener or expiry policy that is {@link Closeable} is closed with its cache. */
  private static void closeIfCloseable(Object resource) throws IOException {
    if (resource instanceof Closeable closeable) {
      closeable.close();
    }
  }
}
