package io.github.dualcache.cache;

import io.github.dualcache.event.Events;
import io.github.dualcache.tier.StoredEntry;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.cache.CacheException;
import javax.cache.integration.CacheWriterException;

/** Operations that remove entries: the three removes and both {@code removeAll}s. */
final class Removals<K, V> extends CacheOperations<K, V> {
  Removals(CacheOperations<K, V> shared) {
    super(shared);
  }

  boolean remove(K key) {
    long start = time.nanoTime();
    if (writer != null) {
      writer.delete(key);
    }
    return removeLive(key, Counting.WRITE, start, null) != null;
  }

  boolean remove(K key, V oldValue) {
    long start = time.nanoTime();
    byte[] keyBytes = codec.key(key);
    WriteOnce writeThrough = new WriteOnce();
    return mutate(key, keyBytes, Counting.LOOKUP, start, null, (seen, found, now) -> {
      if (!seen.live()) {
        return Decision.keep(false, null);
      }
      if (!Objects.equals(seen.value(), oldValue)) {
        return Decision.touch(accessed(found, now), false, seen.value());
      }
      writeThrough.delete(key);
      Events<K, V> changes = new Events<>();
      changes.removed(key, oldValue);
      return Decision.delete(true, seen.value(), changes, true);
    }).result();
  }

  V getAndRemove(K key) {
    long start = time.nanoTime();
    if (writer != null) {
      writer.delete(key);
    }
    return removeLive(key, Counting.LOOKUP, start, null);
  }

  /**
   * Removes a live entry and reports it. For {@code removeAll} ({@code batch} given), an expired
   * entry is removed too and reported as expired.
   *
   * @return the removed live value, or null
   */
  private V removeLive(K key, Counting counting, long start, Events<K, V> batch) {
    return mutate(key, codec.key(key), counting, start, batch, (seen, found, now) -> {
      if (!seen.live() && (batch == null || !seen.expired())) {
        return Decision.<K, V, V>keep(null, null);
      }
      Events<K, V> changes = new Events<>();
      if (seen.live()) {
        changes.removed(key, seen.value());
      } else {
        changes.expired(key, seen.expiredValue());
      }
      return Decision.delete(seen.value(), seen.value(), changes, seen.live());
    }).result();
  }

  void removeAll(Set<? extends K> keys) {
    removeEach(new LinkedHashSet<>(keys));
  }

  void removeAll() {
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
    long start = time.nanoTime();
    Set<Object> completed = new LinkedHashSet<>();
    Map<Object, RuntimeException> failed = new LinkedHashMap<>();
    for (K key : toRemove) {
      try {
        if (removeLive(key, Counting.BY_CALLER, start, batch) != null) {
          removed++;
        }
        completed.add(key);
      } catch (CacheException e) {
        failed.put(key, e);
      }
    }
    events.dispatch(batch);
    if (statisticsEnabled()) {
      statistics.removals(removed);
    }
    if (!failed.isEmpty()) {
      throw IncompleteBatchException.of("removeAll", completed, failed);
    }
    if (failure != null) {
      throw failure;
    }
  }

}
