package io.github.dualcache.cache;

import javax.cache.Cache;

/** A key and its value, as iterators and cache writers see them. */
public final class DualcacheEntry<K, V> implements Cache.Entry<K, V> {
  private final K key;
  private final V value;

  public DualcacheEntry(K key, V value) {
    this.key = key;
    this.value = value;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    return value;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new IllegalArgumentException("Cannot unwrap a dualcache entry to " + type);
  }

  @Override
  public String toString() {
    return key + "=" + value;
  }
}
