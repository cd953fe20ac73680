package io.github.dualcache.bench;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * Versions every written value and measures how stale each read is: a read that returns version
 * {@code v} while a later version's {@code put} had already returned when the read began is stale by
 * the time since the first such {@code put} returned. That is what a box sees when another box wrote
 * and its own local copy has not expired yet.
 */
final class StalenessTracker {
  // per key, the completion times of its last RING versions (older ones: staleness is a lower bound)
  private static final int RING = 256;

  private final AtomicLongArray issued;
  private final AtomicLongArray completed;
  private final AtomicLongArray ringVersion;
  private final AtomicLongArray ringCompletedAt;
  private final LongAccumulator largest = new LongAccumulator(Math::max, 0);
  private final LongAccumulator staleReads = new LongAccumulator(Long::sum, 0);

  StalenessTracker(int keys) {
    issued = new AtomicLongArray(keys);
    completed = new AtomicLongArray(keys);
    ringVersion = new AtomicLongArray(keys * RING);
    ringCompletedAt = new AtomicLongArray(keys * RING);
  }

  /** The version the next write of {@code key} stores. */
  long nextVersion(int key) {
    return issued.incrementAndGet(key);
  }

  /** Called once the {@code put} of {@code version} returned. */
  void written(int key, long version, long nanoTime) {
    int slot = key * RING + (int) (version % RING);
    ringCompletedAt.set(slot, 0);
    ringVersion.set(slot, version);
    ringCompletedAt.set(slot, nanoTime);
    // the put that returned last is the one memcached holds (last writer wins): two boxes writing
    // the same key at once is a lost update, not a stale read
    completed.set(key, version);
  }

  /** The version of the put that returned last: read before a read begins. */
  long latestWritten(int key) {
    return completed.get(key);
  }

  /** A read that began at {@code began}, when {@code latest} was written, returned {@code seen}. */
  void read(int key, long seen, long latest, long began) {
    if (seen >= latest) {
      return;
    }
    staleReads.accumulate(1);
    for (long version = seen + 1; version <= latest && version <= seen + RING; version++) {
      int slot = key * RING + (int) (version % RING);
      long at = ringCompletedAt.get(slot);
      if (at != 0 && ringVersion.get(slot) == version) {
        largest.accumulate(Math.max(0, began - at));
        return;
      }
    }
  }

  long largestNanos() {
    return largest.get();
  }

  long staleReads() {
    return staleReads.get();
  }

  static String encode(long version, int valueBytes) {
    String prefix = version + ":";
    return prefix + "v".repeat(Math.max(0, valueBytes - prefix.length()));
  }

  static long decode(String value) {
    return Long.parseLong(value, 0, value.indexOf(':'), 10);
  }
}
