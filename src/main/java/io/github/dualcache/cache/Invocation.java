package io.github.dualcache.cache;

import io.github.dualcache.event.Events;
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
    byte[] keyBytes = cache.codec.key(key);
    return cache.mutate(key, keyBytes, CacheOperations.Counting.LOOKUP, cache.time.nanoTime(), null,
        (seen, found, now) -> {
          ProcessorEntry<K, V> entry =
              new ProcessorEntry<>(key, seen.value(), cache.readsThrough() ? cache.loader : null);
          T result;
          try {
            result = processor.process(entry, arguments);
          } catch (Exception e) {
            throw e instanceof CacheException cacheException ? cacheException : new EntryProcessorException(e);
          }
          Events<K, V> changes = new Events<>();
          if (seen.expired()) {
            changes.expired(key, seen.expiredValue());
          }
          return decide(entry, found, seen, keyBytes, now, changes, result);
        }).result();
  }

  /** The commit the processor's recorded operation asks for, and how it counts. */
  private Decision<K, V, T> decide(ProcessorEntry<K, V> entry, Versioned found, Seen<V> seen, byte[] keyBytes,
      long now, Events<K, V> changes, T result) {
    V previous = seen.value();
    switch (entry.operation()) {
      case ACCESS -> {
        return Decision.touch(cache.accessed(found, now), result, previous);
      }
      case CREATE, LOAD -> {
        boolean created = entry.operation() == MutableEntryOperation.CREATE;
        if (created) {
          writeThrough(entry.value());
        }
        StoredEntry next = cache.created(keyBytes, entry.value(), now);
        if (next == null) {
          changes.expired(key, entry.value());
        } else {
          changes.created(key, entry.value());
        }
        // A load fills the cache; the spec counts it as no put.
        return new Decision<>(true, next, result, previous, changes, created && next != null, false);
      }
      case UPDATE -> {
        writeThrough(entry.value());
        changes.updated(key, entry.value(), previous);
        return Decision.store(cache.updated(found, keyBytes, entry.value(), now), result, previous, changes);
      }
      case REMOVE -> {
        deleteThrough();
        if (seen.live()) {
          changes.removed(key, previous);
        }
        return Decision.delete(result, previous, changes, true);
      }
      default -> {
        // Nothing asked for; an expired entry seen on the way is removed.
        return seen.expired() ? Decision.delete(result, previous, changes, false) : Decision.keep(result, previous);
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
}
