package io.github.dualcache.cache;

import io.github.dualcache.event.Events;
import io.github.dualcache.tier.StoredEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import javax.cache.Cache;
import javax.cache.CacheException;
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
    long start = time.nanoTime();
    byte[] keyBytes = codec.key(key);
    if (writer != null) {
      writer.write(new DualcacheEntry<>(key, value));
    }
    putOne(key, keyBytes, value, true, Counting.WRITE, start, null);
  }

  /**
   * Stores one value. When nobody listens and the deadline does not depend on whether the entry
   * existed, this is a single blind {@code set}; otherwise a compare-and-set that learns the old
   * value for the events and the expiry policy.
   *
   * @return whether the entry now holds {@code value}
   */
  private boolean putOne(K key, byte[] keyBytes, V value, boolean replaceExisting, Counting counting, long start,
      Events<K, V> batch) {
    if (replaceExisting && !events.hasListeners() && expiry.sameForCreationAndUpdate()) {
      StoredEntry entry = codec.entry(keyBytes, value, expiry.afterCreation(time.wallMillis()));
      store.write(entry);
      count(counting, Decision.store(entry, null, null, new Events<>()), start);
      return true;
    }
    return swapIn(key, keyBytes, value, replaceExisting, counting, start, batch).put();
  }

  V getAndPut(K key, V value) {
    long start = time.nanoTime();
    byte[] keyBytes = codec.key(key);
    if (writer != null) {
      writer.write(new DualcacheEntry<>(key, value));
    }
    return swapIn(key, keyBytes, value, true, Counting.LOOKUP, start, null).previous();
  }

  /**
   * A put as a compare-and-set: an update keeps or moves the deadline as the policy says for
   * updates, a creation takes the creation deadline (and is no creation at all when that is
   * "expired now"); an expired entry found on the way is reported.
   */
  private Decision<K, V, V> swapIn(K key, byte[] keyBytes, V value, boolean replaceExisting, Counting counting,
      long start, Events<K, V> batch) {
    return mutate(key, keyBytes, counting, start, batch, (seen, found, now) -> {
      if (seen.live() && !replaceExisting) {
        return Decision.keep(seen.value(), seen.value());
      }
      Events<K, V> changes = new Events<>();
      if (seen.live()) {
        changes.updated(key, value, seen.value());
        return Decision.store(updated(found, keyBytes, value, now), seen.value(), seen.value(), changes);
      }
      return create(key, keyBytes, value, seen, now, changes, null);
    });
  }

  /** Creates {@code value} where nothing live is, reporting what expired on the way. */
  private <R> Decision<K, V, R> create(K key, byte[] keyBytes, V value, Seen<V> seen, long now, Events<K, V> changes,
      R result) {
    if (seen.expired()) {
      changes.expired(key, seen.expiredValue());
    }
    StoredEntry next = created(keyBytes, value, now);
    if (next == null) {
      changes.expired(key, value);
    } else {
      changes.created(key, value);
    }
    return Decision.store(next, result, null, changes);
  }

  void putAll(Map<? extends K, ? extends V> map) {
    long start = time.nanoTime();
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
    storeAll(toStore, true, start);
    if (failure != null) {
      throw failure;
    }
  }

  /**
   * Stores each entry (bypassing the writer), dispatching the events once at the end. A key that
   * fails (its server down, its value too large) does not stop the others.
   *
   * @param putsSince when the {@code putAll} started, to count what it stored as puts (even when
   *     some keys fail); null for a load, which the spec does not count as puts
   * @throws IncompleteBatchException naming the keys that failed and those that did not
   */
  void storeAll(Map<K, V> entries, boolean replaceExisting, Long putsSince) {
    Events<K, V> batch = new Events<>();
    int stored = 0;
    long start = time.nanoTime();
    Set<Object> completed = new LinkedHashSet<>();
    Map<Object, RuntimeException> failed = new LinkedHashMap<>();
    for (Map.Entry<K, V> entry : entries.entrySet()) {
      try {
        if (putOne(entry.getKey(), codec.key(entry.getKey()), entry.getValue(), replaceExisting, Counting.BY_CALLER,
            start, batch)) {
          stored++;
        }
        completed.add(entry.getKey());
      } catch (CacheException | IllegalArgumentException e) {
        failed.put(entry.getKey(), e);
      }
    }
    events.dispatch(batch);
    if (putsSince != null && statisticsEnabled() && stored > 0) {
      statistics.puts(stored);
      statistics.putTime(time.nanoTime() - putsSince);
    }
    if (!failed.isEmpty()) {
      throw IncompleteBatchException.of(replaceExisting ? "putAll" : "loadAll", completed, failed);
    }
  }

  boolean putIfAbsent(K key, V value) {
    long start = time.nanoTime();
    byte[] keyBytes = codec.key(key);
    WriteOnce writeThrough = new WriteOnce();
    return mutate(key, keyBytes, Counting.PUT_IF_ABSENT, start, null, (seen, found, now) -> {
      if (seen.live()) {
        return Decision.keep(false, seen.value());
      }
      writeThrough.write(key, value);
      Decision<K, V, Boolean> creation = create(key, keyBytes, value, seen, now, new Events<>(), null);
      return Decision.store(creation.next(), creation.put(), null, creation.events());
    }).result();
  }

  boolean replace(K key, V oldValue, V newValue) {
    return update(key, current -> Objects.equals(current, oldValue), newValue).result();
  }

  boolean replace(K key, V value) {
    return getAndReplace(key, value) != null;
  }

  V getAndReplace(K key, V value) {
    return update(key, current -> true, value).previous();
  }

  /**
   * Replaces a live entry with {@code newValue} if {@code condition} holds for its value; when the
   * entry is live but the condition fails, it counts as an access for expiry, as the spec says.
   */
  private Decision<K, V, Boolean> update(K key, Predicate<V> condition, V newValue) {
    long start = time.nanoTime();
    byte[] keyBytes = codec.key(key);
    WriteOnce writeThrough = new WriteOnce();
    return mutate(key, keyBytes, Counting.LOOKUP, start, null, (seen, found, now) -> {
      if (!seen.live()) {
        return Decision.keep(false, null);
      }
      if (!condition.test(seen.value())) {
        return Decision.touch(accessed(found, now), false, seen.value());
      }
      writeThrough.write(key, newValue);
      Events<K, V> changes = new Events<>();
      changes.updated(key, newValue, seen.value());
      return Decision.store(updated(found, keyBytes, newValue, now), true, seen.value(), changes);
    });
  }
}
