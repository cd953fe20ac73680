package io.github.dualcache.integration;

import java.util.Collection;
import javax.cache.Cache;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * Calls a cache's {@link CacheWriter} before the cache itself changes, so a writer that fails
 * leaves the cache as it was; every failure reaches the caller as a {@link CacheWriterException}.
 */
public final class WriteThrough<K, V> {
  private final CacheWriter<K, V> writer;

  @SuppressWarnings("unchecked")
  public WriteThrough(CacheWriter<? super K, ? super V> writer) {
    // A writer of supertypes accepts our entries; the cast lets us hand it our collections.
    this.writer = (CacheWriter<K, V>) writer;
  }

  public CacheWriter<K, V> writer() {
    return writer;
  }

  public void write(Cache.Entry<? extends K, ? extends V> entry) {
    try {
      writer.write(entry);
    } catch (CacheWriterException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheWriterException("The CacheWriter failed to write " + entry.getKey(), e);
    }
  }

  public void delete(K key) {
    try {
      writer.delete(key);
    } catch (CacheWriterException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheWriterException("The CacheWriter failed to delete " + key, e);
    }
  }

  /**
   * Writes {@code entries}; the writer removes each entry it wrote, so what is left failed.
   *
   * @return the failure, or null if every entry was written
   */
  public CacheWriterException writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
    try {
      writer.writeAll(entries);
      return null;
    } catch (CacheWriterException e) {
      return e;
    } catch (Exception e) {
      return new CacheWriterException("The CacheWriter failed in writeAll", e);
    }
  }

  /** Deletes {@code keys}; the writer removes each key it deleted, so what is left failed. */
  public CacheWriterException deleteAll(Collection<?> keys) {
    try {
      writer.deleteAll(keys);
      return null;
    } catch (CacheWriterException e) {
      return e;
    } catch (Exception e) {
      return new CacheWriterException("The CacheWriter failed in deleteAll", e);
    }
  }
}
