package io.github.dualcache.tier;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Guards the local-fill race: a reader that missed locally notes the stamp of its key, reads the
 * global layer, and fills the local layer only if no write in this JVM bumped the stamp meanwhile
 * (checked before and after the fill). Stamps are striped by key hash, so an unrelated write may
 * occasionally cancel a fill; that costs one more global read, never a stale value.
 */
final class InvalidationStamps {
  private static final int STRIPES = 4096;
  private final AtomicLongArray stamps = new AtomicLongArray(STRIPES);

  long current(byte[] key) {
    return stamps.get(stripe(key));
  }

  void bump(byte[] key) {
    stamps.incrementAndGet(stripe(key));
  }

  private static int stripe(byte[] key) {
    int hash = Arrays.hashCode(key);
    return (hash ^ (hash >>> 16)) & (STRIPES - 1);
  }
}
