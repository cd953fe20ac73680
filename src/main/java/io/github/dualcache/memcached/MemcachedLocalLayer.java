package io.github.dualcache.memcached;

import io.github.dualcache.management.LayerStatistics;
import io.github.dualcache.tier.LocalLayer;
import io.github.dualcache.tier.StoredEntry;
import java.nio.ByteBuffer;
import java.util.Arrays;
import javax.cache.CacheException;

/**
 * One cache's copies in the local memcached. Each item is the global envelope preceded by the
 * epoch millisecond until which the copy may be served: memcached's own whole-second TTL would
 * let a 1 s copy live anywhere from 0 to 1 s. Keys embed the global generation, so a
 * {@code clear()} orphans every copy at once. Failures are counted and bypass the layer; they
 * never reach the caller.
 */
final class MemcachedLocalLayer implements LocalLayer {
  private final LocalMemcached server;
  private final KeyMapper keys;
  private final LayerStatistics statistics;

  MemcachedLocalLayer(LocalMemcached server, KeyMapper keys, LayerStatistics statistics) {
    this.server = server;
    this.keys = keys;
    this.statistics = statistics;
  }

  @Override
  public StoredEntry get(String generation, byte[] key, long nowMillis) {
    if (server.bypassed()) {
      return null;
    }
    try {
      ItemVersion item = server.cluster().gets(keys.entryKey(generation, key));
      return item == null ? null : decode(item.bytes(), key, nowMillis);
    } catch (CacheException e) {
      failed();
      return null;
    }
  }

  @Override
  public void put(String generation, byte[] key, StoredEntry entry, long localUntil) {
    if (server.bypassed()) {
      return;
    }
    byte[] envelope = Envelope.encode(entry);
    byte[] item = ByteBuffer.allocate(8 + envelope.length).putLong(localUntil).put(envelope).array();
    try {
      if (item.length <= server.cluster().itemSizeMax() - 512) {
        server.cluster().set(keys.entryKey(generation, key), Expirations.forDeadline(localUntil, System.currentTimeMillis()), item);
      }
    } catch (CacheException e) {
      failed();
    }
  }

  @Override
  public void invalidate(String generation, byte[] key) {
    if (server.bypassed()) {
      // The copy, if any, still dies at its local deadline: staleness stays bounded by the TTL.
      return;
    }
    try {
      server.cluster().delete(keys.entryKey(generation, key));
    } catch (CacheException e) {
      failed();
    }
  }

  private void failed() {
    statistics.localFailure();
    server.failed();
  }

  /** The copy, or null if it is past its local deadline, unreadable, or for another key. */
  private static StoredEntry decode(byte[] item, byte[] key, long nowMillis) {
    if (item.length < 8) {
      return null;
    }
    long localUntil = ByteBuffer.wrap(item, 0, 8).getLong();
    if (localUntil <= nowMillis) {
      return null;
    }
    StoredEntry entry = Envelope.decode(Arrays.copyOfRange(item, 8, item.length));
    return entry != null && Arrays.equals(entry.key(), key) ? entry : null;
  }

  @Override
  public void close() {
    // The connection belongs to the CacheManager's LocalMemcached.
  }
}
