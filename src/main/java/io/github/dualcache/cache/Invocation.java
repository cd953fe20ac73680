package io.github.dualcache.cache;

import io.github.dualcache.event.Events;
import io.github.dualcache.expiry.ExpiryCalculator;
import io.github.dualcache.management.CacheStatistics;
import io.github.dualcache.processor.MutableEntryOperation;
import io.github.dualcache.processor.ProcessorEntry;
import io.github.dualcache.tier.StoredEntry;
import io.github.dualcache.tier.Versioned;
import java.util.Objects;
import javax.cache.CacheException;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;

/**
 * One {@code invoke}: read the entry with its CAS version, run the processor on a
 * {@link ProcessorEntry} that only records what it asks for, then commit the outcome with
 * compare-and-set. If another writer got there first, the processor runs again on the new value;
 * events and statistics are recorded once, for the run that committed.
 */
final class Invocation<K, V, T> {
  private static final Object NOT_TOLD = new Object();
  private static final Object DELETED = new Object();

  private final CacheOperations<K, V> cache;
  private final K key;
  private final EntryProcessor<K, V, T> processor;
  private final Object[] arguments;
  /**
   * What the writer was last told during this invoke: {@link #NOT_TOLD}, {@link #DELETED} or the
   * value written. A retry calls the writer only when its outcome differs from this, so a retry
   * that goes write, delete, write of the same value still ends with the write.
   */
  private Object lastTold = NOT_TOLD;

  Invocation(CacheOperations<K, V> cache, K key, EntryProcessor<K, V, T> processor, Object[] arguments) {
    this.cache = cache;
    this.key = key;
    this.processor = processor;
    this.arguments = arguments;
  }

  T run() {
    long start = System.nanoTime();
    byte[] keyBytes = cache.codec.key(key);
    for (int attempt = 1; ; attempt++) {
      Versioned found = cache.store.read(keyBytes);
      long now = cache.clock.getAsLong();
      Seen<V> seen = cache.codec.see(found, now);
      ProcessorEntry<K, V> entry = new ProcessorEntry<>(key, seen.value(), cache.readsThrough() ? cache.loader : null);
      T result;
      try {
        result = processor.process(entry, arguments);
      } catch (Exception e) {
        throw e instanceof CacheException cacheException ? cacheException : new EntryProcessorException(e);
      }
      Events<K, V> batch = new Events<>();
      if (seen.expired()) {
        batch.expired(key, seen.expiredValue());
      }
      Commit commit = decide(entry, found, seen, keyBytes, now, batch);
      if (!commit.write() || (commit.next() == null && !found.occupied())
          || cache.store.compareAndSet(keyBytes, found, commit.next())) {
        cache.events.dispatch(batch);
        record(seen, commit, start);
        return result;
      }
      cache.contended(attempt, key);
    }
  }

  /** What to store, and which statistic the change counts as. */
  private record Commit(boolean write, StoredEntry next, boolean put, boolean removal) {
    static final Commit NOTHING = new Commit(false, null, false, false);
  }

  private Commit decide(ProcessorEntry<K, V> entry, Versioned found, Seen<V> seen, byte[] keyBytes, long now,
      Events<K, V> batch) {
    ExpiryCalculator expiry = cache.expiry;
    switch (entry.operation()) {
      case ACCESS -> {
        long deadline = expiry.afterAccess(now);
        return deadline == ExpiryCalculator.UNCHANGED
            ? Commit.NOTHING
            : new Commit(true, found.entry().withDeadline(deadline), false, false);
      }
      case CREATE, LOAD -> {
        boolean created = entry.operation() == MutableEntryOperation.CREATE;
        if (created) {
          writeThrough(entry.value());
        }
        long deadline = expiry.afterCreation(now);
        if (CacheOperations.isExpiredAt(deadline, now)) {
          batch.expired(key, entry.value());
          return new Commit(found.occupied(), null, false, false);
        }
        batch.created(key, entry.value());
        return new Commit(true, cache.codec.entry(keyBytes, entry.value(), deadline), created, false);
      }
      case UPDATE -> {
        writeThrough(entry.value());
        long deadline = expiry.afterUpdate(now);
        long kept = deadline == ExpiryCalculator.UNCHANGED ? found.entry().deadline() : deadline;
        batch.updated(key, entry.value(), seen.value());
        return new Commit(true, cache.codec.entry(keyBytes, entry.value(), kept), true, false);
      }
      case REMOVE -> {
        deleteThrough();
        if (seen.live()) {
          batch.removed(key, seen.value());
        }
        return new Commit(found.occupied(), null, false, true);
      }
      default -> {
        return seen.expired() ? new Commit(true, null, false, false) : Commit.NOTHING;
      }
    }
  }

  private void writeThrough(V value) {
    if (cache.writer != null && !Objects.equals(lastTold, value)) {
      cache.writer.write(new DualcacheEntry<>(key, value));
      lastTold = value;
    }
  }

  private void deleteThrough() {
    if (cache.writer != null && lastTold != DELETED) {
      cache.writer.delete(key);
      lastTold = DELETED;
    }
  }

  private void record(Seen<V> seen, Commit commit, long start) {
    if (!cache.statisticsEnabled()) {
      return;
    }
    CacheStatistics statistics = cache.statistics;
    if (seen.live()) {
      statistics.hits(1);
    } else {
      statistics.misses(1);
    }
    statistics.getTime(System.nanoTime() - start);
    if (commit.put()) {
      statistics.puts(1);
      statistics.putTime(System.nanoTime() - start);
    }
    if (commit.removal()) {
      statistics.removals(1);
      statistics.removeTime(System.nanoTime() - start);
    }
  }
}
