package io.github.dualcache.memcached;

import io.github.dualcache.jmx.LayerStatistics;
import io.github.dualcache.tier.LocalLayer;
import io.github.dualcache.tier.StoredEntry;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.cache.CacheException;

/**
 * One cache's copies in the local memcached, shared by every JVM on the box.
 *
 * <p>Each item starts with the epoch millisecond until which it may be served (memcached's own
 * whole-second TTL would let a 1 s copy live anywhere from 0 to 1 s). A copy follows it with the
 * global envelope; a tombstone with the millisecond its invalidation was made. Keys embed the
 * global generation, so a {@code clear()} orphans every copy at once.
 *
 * <p>Another JVM on the box may have read the old value before this JVM's write and fill it after
 * this JVM's invalidation; the in-JVM guard of {@link io.github.dualcache.tier.TieredStore} cannot
 * see that. So an invalidation leaves a tombstone for one local TTL, and a fill only creates an
 * item ({@code add}) or replaces ({@code cas}) one that is past its deadline or a tombstone made
 * before the fill's global read started. A stale fill racing the invalidation either lands first
 * and is overwritten by the tombstone, or finds the tombstone and gives up; one arriving after the
 * tombstone died carries a deadline taken before its global read, so it is already past. Every JVM
 * on the box reads the same clock, so "before" means the same to all of them.
 *
 * <p>Failures are counted and bypass the layer; they never reach the caller. An invalidation that
 * could not be made (failed, or skipped while bypassed) leaves this cache's copies untrusted for one
 * local TTL, until every copy that could have outlived it has passed its deadline.
 */
final class MemcachedLocalLayer implements LocalLayer {
  private static final int DEADLINE_BYTES = 8;
  private static final int TOMBSTONE_BYTES = DEADLINE_BYTES + 8;

  private final LocalMemcached server;
  private final KeyMapper keys;
  private final LayerStatistics statistics;
  private final long ttlMillis;
  private volatile long untrustedUntilMillis;

  MemcachedLocalLayer(LocalMemcached server, KeyMapper keys, LayerStatistics statistics, long ttlMillis) {
    this.server = server;
    this.keys = keys;
    this.statistics = statistics;
    this.ttlMillis = ttlMillis;
  }

  @Override
  public StoredEntry get(String generation, byte[] key, long nowMillis) {
    if (server.bypassed() || nowMillis < untrustedUntilMillis) {
      return null;
    }
    try {
      // a hit writes nothing back, so a plain get: only the fill needs the item's CAS
      byte[] item = server.cluster().get(keys.entryKey(generation, key));
      return item == null ? null : liveCopy(item, key, nowMillis);
    } catch (CacheException e) {
      failed();
      return null;
    }
  }

  @Override
  public void put(String generation, byte[] key, StoredEntry entry, long readAt, long localUntil) {
    if (server.bypassed()) {
      return;
    }
    byte[] envelope = Envelope.encode(entry);
    byte[] copy = ByteBuffer.allocate(DEADLINE_BYTES + envelope.length).putLong(localUntil).put(envelope).array();
    String itemKey = keys.entryKey(generation, key);
    long now = server.time().wallMillis();
    try {
      if (copy.length > server.cluster().itemSizeMax() - 512) {
        return;
      }
      ItemVersion existing = server.cluster().gets(itemKey);
      int expiration = Expirations.forDeadline(localUntil, now);
      if (existing == null) {
        server.cluster().add(itemKey, expiration, copy);
      } else if (deadlineOf(existing.bytes()) <= now || madeBefore(existing.bytes(), readAt)) {
        server.cluster().cas(itemKey, existing.cas(), expiration, copy);
      }
    } catch (CacheException e) {
      failed();
    }
  }

  @Override
  public void invalidate(String generation, byte[] key) {
    long now = server.time().wallMillis();
    if (server.bypassed()) {
      untrustedUntilMillis = now + ttlMillis;
      return;
    }
    long tombstoneUntil = now + ttlMillis;
    byte[] tombstone = ByteBuffer.allocate(TOMBSTONE_BYTES).putLong(tombstoneUntil).putLong(now).array();
    try {
      server.cluster().set(keys.entryKey(generation, key), Expirations.forDeadline(tombstoneUntil, now), tombstone);
    } catch (CacheException e) {
      untrustedUntilMillis = now + ttlMillis;
      failed();
    }
  }

  private void failed() {
    statistics.localFailure();
    server.failed();
  }

  /** The deadline an item carries; unreadable items count as long past. */
  private static long deadlineOf(byte[] item) {
    return item.length < DEADLINE_BYTES ? 0 : ByteBuffer.wrap(item, 0, DEADLINE_BYTES).getLong();
  }

  /** True for a tombstone made before {@code readAt}: a value read after it may replace it. */
  private static boolean madeBefore(byte[] item, long readAt) {
    return item.length == TOMBSTONE_BYTES && ByteBuffer.wrap(item, DEADLINE_BYTES, 8).getLong() < readAt;
  }

  /** The copy, or null for a tombstone, a copy past its deadline, unreadable bytes or another key. */
  private static StoredEntry liveCopy(byte[] item, byte[] key, long nowMillis) {
    if (item.length <= TOMBSTONE_BYTES || deadlineOf(item) <= nowMillis) {
      return null;
    }
    StoredEntry entry = Envelope.decode(item, DEADLINE_BYTES);
    return entry != null && Arrays.equals(entry.key(), key) ? entry : null;
  }

  @Override
  public void close() {
    // The connection belongs to the CacheManager's LocalMemcached.
  }
}
