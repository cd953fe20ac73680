package io.github.dualcache.cache;

import io.github.dualcache.event.Events;
import io.github.dualcache.tier.StoredEntry;

/**
 * What one attempt of a compare-and-set operation decided on the entry it read: whether to write,
 * the entry to commit ({@code null} removes it), the operation's result, the live value it saw,
 * the events it produces and whether it counts as a put or a removal. Only the attempt whose
 * commit wins takes effect; the others are thrown away (see {@link CacheOperations#mutate}).
 */
record Decision<K, V, R>(boolean writes, StoredEntry next, R result, V previous, Events<K, V> events, boolean put,
    boolean removal) {

  /** Nothing to write: the read is the operation's linearization point. */
  static <K, V, R> Decision<K, V, R> keep(R result, V previous) {
    return new Decision<>(false, null, result, previous, new Events<>(), false, false);
  }

  /** Store {@code next}, a put; {@code null} (a value expired on creation) removes what is there. */
  static <K, V, R> Decision<K, V, R> store(StoredEntry next, R result, V previous, Events<K, V> events) {
    return new Decision<>(true, next, result, previous, events, next != null, false);
  }

  /** Remove the entry; {@code removal} says whether that counts as one (a live value went). */
  static <K, V, R> Decision<K, V, R> delete(R result, V previous, Events<K, V> events, boolean removal) {
    return new Decision<>(true, null, result, previous, events, false, removal);
  }

  /** Move the live entry's deadline for an access ({@code next} null: the policy keeps it). */
  static <K, V, R> Decision<K, V, R> touch(StoredEntry next, R result, V previous) {
    return next == null ? keep(result, previous) : new Decision<>(true, next, result, previous, new Events<>(), false, false);
  }
}
