package io.github.dualcache.spi;

import io.github.dualcache.cache.DualcacheCacheManager;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * The entry point JCache finds through {@link java.util.ServiceLoader}. One CacheManager per URI
 * and class loader, each with its own memcached connections, configured as
 * {@link io.github.dualcache.settings.DualcacheSettings} describes.
 */
public final class DualcacheCachingProvider implements CachingProvider {
  private static final URI DEFAULT_URI = URI.create(DualcacheCachingProvider.class.getName());

  private final Map<ClassLoader, Map<URI, DualcacheCacheManager>> managers = new WeakHashMap<>();

  /** Made by {@link java.util.ServiceLoader} (and so by {@code Caching.getCachingProvider()}). */
  public DualcacheCachingProvider() {}

  @Override
  public synchronized CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    Map<URI, DualcacheCacheManager> byUri = managers.computeIfAbsent(loader, ignored -> new HashMap<>());
    DualcacheCacheManager manager = byUri.get(managerUri);
    if (manager == null) {
      manager = new DualcacheCacheManager(this, this::release, managerUri, loader,
          properties == null ? getDefaultProperties() : properties);
      byUri.put(managerUri, manager);
    }
    return manager;
  }

  @Override
  public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
    return getCacheManager(uri, classLoader, getDefaultProperties());
  }

  @Override
  public CacheManager getCacheManager() {
    return getCacheManager(getDefaultURI(), getDefaultClassLoader(), getDefaultProperties());
  }

  @Override
  public ClassLoader getDefaultClassLoader() {
    return getClass().getClassLoader();
  }

  @Override
  public URI getDefaultURI() {
    return DEFAULT_URI;
  }

  @Override
  public Properties getDefaultProperties() {
    return new Properties();
  }

  @Override
  public void close() {
    List<DualcacheCacheManager> open = new ArrayList<>();
    synchronized (this) {
      managers.values().forEach(byUri -> open.addAll(byUri.values()));
      managers.clear();
    }
    open.forEach(CacheManager::close);
  }

  @Override
  public void close(ClassLoader classLoader) {
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    List<DualcacheCacheManager> open = new ArrayList<>();
    synchronized (this) {
      Map<URI, DualcacheCacheManager> byUri = managers.remove(loader);
      if (byUri != null) {
        open.addAll(byUri.values());
      }
    }
    open.forEach(CacheManager::close);
  }

  @Override
  public void close(URI uri, ClassLoader classLoader) {
    URI managerUri = uri == null ? getDefaultURI() : uri;
    ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
    DualcacheCacheManager manager;
    synchronized (this) {
      Map<URI, DualcacheCacheManager> byUri = managers.get(loader);
      manager = byUri == null ? null : byUri.remove(managerUri);
      if (byUri != null && byUri.isEmpty()) {
        managers.remove(loader);
      }
    }
    if (manager != null) {
      manager.close();
    }
  }

  /** Forgets a manager that closed itself, so the next request for its URI makes a new one. */
  private synchronized void release(DualcacheCacheManager manager) {
    Map<URI, DualcacheCacheManager> byUri = managers.get(manager.getClassLoader());
    if (byUri != null && byUri.get(manager.getURI()) == manager) {
      byUri.remove(manager.getURI());
      if (byUri.isEmpty()) {
        managers.remove(manager.getClassLoader());
      }
    }
  }

  /** Memcached stores bytes, so entries are always stored by value. */
  @Override
  public boolean isSupported(OptionalFeature feature) {
    return false;
  }
}
