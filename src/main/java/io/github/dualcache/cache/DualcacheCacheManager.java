package io.github.dualcache.cache;

import io.github.dualcache.codec.Codecs;
import io.github.dualcache.config.DualcacheConfiguration;
import io.github.dualcache.config.FailureMode;
import io.github.dualcache.config.LocalLayerType;
import io.github.dualcache.jmx.LayerStatistics;
import io.github.dualcache.memcached.GlobalMemcached;
import io.github.dualcache.memcached.LocalMemcached;
import io.github.dualcache.settings.ConfigurationFile;
import io.github.dualcache.settings.DualcacheSettings;
import io.github.dualcache.tier.HeapLocalLayer;
import io.github.dualcache.tier.LocalLayer;
import io.github.dualcache.tier.TieredStore;
import io.github.dualcache.time.CoarseClock;
import io.github.dualcache.time.TimeSource;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * A JCache {@link CacheManager}: one memcached client for the global cluster, shared by its caches.
 * A cache created here attaches to whatever the global layer already holds under its name, so
 * every JVM that creates a cache of the same name over the same servers shares its entries.
 */
public final class DualcacheCacheManager implements CacheManager {

  private final CachingProvider provider;
  private final Consumer<DualcacheCacheManager> onClose;
  private final URI uri;
  private final WeakReference<ClassLoader> classLoader;
  private final Properties properties;
  private final ConfigurationFile file;
  private final DualcacheSettings settings;
  private final GlobalMemcached global;
  private final TimeSource time;
  private final ExecutorService loadExecutor;
  private final Map<String, DualcacheCache<?, ?>> caches = new ConcurrentHashMap<>();
  private LocalMemcached localMemcached;
  private volatile boolean closed;

  /**
   * @param onClose told when this manager closes itself, so its provider forgets it (the provider
   *     makes managers; a manager knows it only as a {@link CachingProvider})
   */
  public DualcacheCacheManager(CachingProvider provider, Consumer<DualcacheCacheManager> onClose, URI uri,
      ClassLoader classLoader, Properties properties) {
    this(provider, onClose, uri, classLoader, properties, TimeSource.SYSTEM);
  }

  /**
   * The same, with every layer reading the time from {@code time}: the seam through which tests
   * drive time (see {@link TimeSource}); not for users.
   */
  DualcacheCacheManager(CachingProvider provider, Consumer<DualcacheCacheManager> onClose, URI uri,
      ClassLoader classLoader, Properties properties, TimeSource time) {
    this.time = time;
    this.provider = provider;
    this.onClose = onClose;
    this.uri = uri;
    this.classLoader = new WeakReference<>(classLoader);
    this.properties = new Properties();
    if (properties != null) {
      this.properties.putAll(properties);
    }
    this.file = ConfigurationFile.of(uri, classLoader);
    this.settings = DualcacheSettings.load(this.properties, file);
    this.global = new GlobalMemcached(settings, time);
    this.loadExecutor = Executors.newCachedThreadPool(runnable -> {
      Thread thread = new Thread(runnable, "dualcache-loadAll");
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
    ensureOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(configuration, "configuration");
    synchronized (caches) {
      if (caches.containsKey(cacheName)) {
        throw new CacheException("A cache named " + cacheName + " already exists in CacheManager " + uri);
      }
      MutableConfiguration<K, V> copy = copyOf(configuration);
      if (settings.statistics()) {
        copy.setStatisticsEnabled(true);
        copy.setManagementEnabled(true);
      }
      LayerStatistics layers = new LayerStatistics(failureMode(cacheName, copy));
      EntryCodec<K, V> codec = new EntryCodec<>(cacheName,
          Codecs.forCache(settings.codec(), getClassLoader(), settings.codecAllow(), copy.getKeyType(), copy.getValueType()),
          layers);
      TieredStore store = tieredStore(cacheName, copy, layers);
      DualcacheCache<K, V> cache;
      try {
        cache = new DualcacheCache<>(this, cacheName, copy, store, codec, layers, time, loadExecutor);
      } catch (RuntimeException | Error e) {
        store.close(); // a listener, loader or expiry factory threw: the store's clock must not stay held
        throw e;
      }
      caches.put(cacheName, cache);
      return cache;
    }
  }

  /**
   * The cache's two layers: the global one, and the local one chosen by, most specific first, the
   * cache's {@link DualcacheConfiguration}, the configuration file's entry for the cache, and the
   * manager's settings.
   */
  private TieredStore tieredStore(String cacheName, MutableConfiguration<?, ?> configuration, LayerStatistics layers) {
    ConfigurationFile.CacheSettings fromFile = file.cache(cacheName);
    LocalLayerType type = fromFile.localLayer() == null ? settings.localType() : fromFile.localLayer();
    Duration ttl = fromFile.localTtl() == null ? settings.localTtl() : fromFile.localTtl();
    if (configuration instanceof DualcacheConfiguration<?, ?> dualcache) {
      type = dualcache.getLocalLayer() == null ? type : dualcache.getLocalLayer();
      ttl = dualcache.getLocalTtl() == null ? ttl : dualcache.getLocalTtl();
    }
    LocalLayer local = switch (type) {
      case NONE -> LocalLayer.NONE;
      case HEAP -> new HeapLocalLayer(settings.localMaxEntries());
      case MEMCACHED -> localMemcached().cache(cacheName, ttl, layers);
    };
    // only a heap hit is fast enough for the exact clock to matter; the coarse one costs a thread
    CoarseClock copyClock = type == LocalLayerType.HEAP ? time.coarseClock() : time::wallMillis;
    return new TieredStore(global.cache(cacheName, ttl, layers), local, ttl.toMillis(), time::wallMillis, copyClock, layers);
  }

  /**
   * What the cache's plain reads do when the global layer fails: chosen by, most specific first,
   * its {@link DualcacheConfiguration}, the configuration file's entry for it, and the manager's
   * {@code dualcache.failureMode}.
   */
  private FailureMode failureMode(String cacheName, MutableConfiguration<?, ?> configuration) {
    if (configuration instanceof DualcacheConfiguration<?, ?> dualcache && dualcache.getFailureMode() != null) {
      return dualcache.getFailureMode();
    }
    FailureMode fromFile = file.cache(cacheName).failureMode();
    return fromFile != null ? fromFile : settings.failureMode();
  }

  private synchronized LocalMemcached localMemcached() {
    if (localMemcached == null) {
      if (settings.localServers().isEmpty()) {
        throw new IllegalArgumentException("A cache asks for a memcached local layer but "
            + DualcacheSettings.LOCAL_SERVERS + " is not set");
      }
      localMemcached = new LocalMemcached(settings, time);
    }
    return localMemcached;
  }

  private static <K, V> MutableConfiguration<K, V> copyOf(Configuration<K, V> configuration) {
    if (configuration instanceof DualcacheConfiguration<K, V> dualcache) {
      return new DualcacheConfiguration<>(dualcache);
    }
    if (configuration instanceof CompleteConfiguration<K, V> complete) {
      return new MutableConfiguration<>(complete);
    }
    MutableConfiguration<K, V> copy = new MutableConfiguration<>();
    copy.setStoreByValue(configuration.isStoreByValue());
    copy.setTypes(configuration.getKeyType(), configuration.getValueType());
    return copy;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
    ensureOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    Objects.requireNonNull(keyType, "keyType");
    Objects.requireNonNull(valueType, "valueType");
    DualcacheCache<?, ?> cache = caches.get(cacheName);
    if (cache == null) {
      return null;
    }
    CompleteConfiguration<?, ?> configuration = cache.getConfiguration(CompleteConfiguration.class);
    if (!configuration.getKeyType().equals(keyType)) {
      throw new ClassCastException("Cache " + cacheName + " has key type " + configuration.getKeyType().getName()
          + ", not " + keyType.getName());
    }
    if (!configuration.getValueType().equals(valueType)) {
      throw new ClassCastException("Cache " + cacheName + " has value type " + configuration.getValueType().getName()
          + ", not " + valueType.getName());
    }
    return (Cache<K, V>) cache;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <K, V> Cache<K, V> getCache(String cacheName) {
    ensureOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    return (Cache<K, V>) caches.get(cacheName);
  }

  @Override
  public Iterable<String> getCacheNames() {
    ensureOpen();
    return Set.copyOf(new LinkedHashSet<>(caches.keySet()));
  }

  /**
   * Empties the named cache in the global layer (for every JVM) and closes it here. A cache this
   * manager does not know is still emptied: its data may belong to another JVM's cache of the name.
   */
  @Override
  public void destroyCache(String cacheName) {
    ensureOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    DualcacheCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.destroy();
    } else {
      global.cache(cacheName, settings.localTtl(), new LayerStatistics()).clear();
    }
  }

  @Override
  public void enableManagement(String cacheName, boolean enabled) {
    ensureOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    DualcacheCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.setManagementEnabled(enabled);
    }
  }

  @Override
  public void enableStatistics(String cacheName, boolean enabled) {
    ensureOpen();
    Objects.requireNonNull(cacheName, "cacheName");
    DualcacheCache<?, ?> cache = caches.get(cacheName);
    if (cache != null) {
      cache.setStatisticsEnabled(enabled);
    }
  }

  void release(DualcacheCache<?, ?> cache) {
    caches.remove(cache.getName(), cache);
  }

  @Override
  public CachingProvider getCachingProvider() {
    return provider;
  }

  @Override
  public URI getURI() {
    return uri;
  }

  @Override
  public ClassLoader getClassLoader() {
    return classLoader.get();
  }

  @Override
  public Properties getProperties() {
    return properties;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    Cleanup cleanup = new Cleanup("CacheManager " + uri).then("forgetting it in its provider", () -> onClose.accept(this));
    for (DualcacheCache<?, ?> cache : List.copyOf(caches.values())) {
      cleanup.then("closing cache " + cache.getName(), cache::close);
    }
    caches.clear();
    cleanup.then("stopping its loadAll threads", loadExecutor::shutdown)
        .then("closing its global memcached client", global::close)
        .then("closing its local memcached client", this::closeLocalMemcached);
  }

  private synchronized void closeLocalMemcached() {
    if (localMemcached != null) {
      localMemcached.close();
    }
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
    throw new IllegalArgumentException("Cannot unwrap a dualcache CacheManager to " + type);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("CacheManager " + uri + " is closed");
    }
  }
}
