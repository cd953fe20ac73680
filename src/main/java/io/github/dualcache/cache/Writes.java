package io.github.dualcache.cache;

import io.github.dualcache.event.Events;
import io.github.dualcache.expiry.ExpiryCalculator;
import io.github.dualcache.tier.StoredEntry;
import io.github.dualcache.tier.Versioned;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.cache.Cache;
import javax.cache.integration.CacheWriterException;

/**
 * Operations that store a value: {@code put}, {@code putAll}, {@code putIfAbsent}, the replaces and
 * {@code getAndPut}. Each learns the current entry (when the events or the expiry policy need it)
 * and commits with compare-and-set; events and statistics follow the commit that succeeded.
 */
final class Writes<K, V> extends CacheOperations<K, V> {
  Writes(CacheOperations<K, V> shared) {
    super(shared);
  }

  void put(K key, V value) {
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
    return swapIn(key, keyBytes, value, replaceExisting, batch).stored();
  }

  V getAndPut(K key, V value) {
    long start = System.nanoTime();
    byte[] keyBytes = codec.key(key);
    if (writer != null) {
      writer.write(new DualcacheEntry<>(key, value));
    }
    Events<K, V> batch = new Events<>();
    Swap<V> swap = swapIn(key, keyBytes, value, true, batch);
    events.dispatch(batch);
    if (statisticsEnabled()) {
      if (swap.previous() != null) {
        statistics.hits(1);
      } else {
        statistics.misses(1);
      }
      statistics.getTime(System.nanoTime() - start);
      if (swap.stored()) {
        statistics.puts(1);
        statistics.putTime(System.nanoTime() - start);
      }
    }
    return swap.previous();
  }

  /** The live value a put replaced (or null) and whether the put stored its value. */
  private record Swap<V>(V previous, boolean stored) {}

  /**
   * The compare-and-set loop of a put: an update keeps or moves the deadline as the policy says
   * for updates, a creation takes the creation deadline (and is no creation at all when that is
   * "expired now"); an expired entry found on the way is reported.
   */
  private Swap<V> swapIn(K key, byte[] keyBytes, V value, boolean replaceExisting, Events<K, V> batch) {
    for (int attempt = 1; ; attempt++) {
      Versioned found = store.read(keyBytes);
      long now = clock.getAsLong();
      Seen<V> seen = codec.see(found, now);
      Events<K, V> attemptEvents = new Events<>();
      StoredEntry next;
      if (seen.live()) {
        if (!replaceExisting) {
          return new Swap<>(seen.value(), false);
        }
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
        return new Swap<>(seen.value(), next != null);
      }
      contended(attempt, key);
    }
  }

  void putAll(Map<? extends K, ? extends V> map) {
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
  int storeAll(Map<K, V> entries, boolean replaceExisting) {
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

  boolean putIfAbsent(K key, V value) {
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

  boolean replace(K key, V oldValue, V newValue) {
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

  boolean replace(K key, V value) {
    return getAndReplace(key, value) != null;
  }

  V getAndReplace(K key, V value) {
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

}
