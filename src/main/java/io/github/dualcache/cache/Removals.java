package io.github.dualcache.cache;

import io.github.dualcache.event.Events;
import io.github.dualcache.expiry.ExpiryCalculator;
import io.github.dualcache.tier.StoredEntry;
import io.github.dualcache.tier.Versioned;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import javax.cache.integration.CacheWriterException;

/** Operations that remove entries: the three removes and both {@code removeAll}s. */
final class Removals<K, V> extends CacheOperations<K, V> {
  Removals(CacheOperations<K, V> shared) {
    super(shared);
  }

  boolean remove(K key) {
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

  boolean remove(K key, V oldValue) {
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

  V getAndRemove(K key) {
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

}
