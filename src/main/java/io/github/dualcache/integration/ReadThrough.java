package io.github.dualcache.integration;

import java.util.Map;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;

/** Calls a cache's {@link CacheLoader}, reporting every failure as a {@link CacheLoaderException}. */
public final class ReadThrough<K, V> {
  private final CacheLoader<K, V> loader;

  public ReadThrough(CacheLoader<K, V> loader) {
    this.loader = loader;
  }

  public CacheLoader<K, V> loader() {
    return loader;
  }

  public V load(K key) {
    try {
      return loader.load(key);
    } catch (CacheLoaderException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheLoaderException("The CacheLoader failed to load " + key, e);
    }
  }

  public Map<K, V> loadAll(Iterable<? extends K> keys) {
    try {
      return loader.loadAll(keys);
    } catch (CacheLoaderException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheLoaderException("The CacheLoader failed in loadAll", e);
    }
  }
}
