package io.github.dualcache.tier;

import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process local layer holding at most {@code maxEntries} copies. It keeps the serialized
 * bytes, so a reader can always decode a fresh value and store-by-value semantics hold; each copy
 * also has a {@link StoredEntry.Decoded} slot where the reader may keep a value it decoded and
 * found immutable, which is dropped with the copy.
 * When full it drops copies in the map's iteration order: a near cache whose copies live one local
 * TTL gains little from a smarter policy.
 */
public final class HeapLocalLayer implements LocalLayer {
  private final int maxEntries;
  private final ConcurrentHashMap<BytesKey, Copy> copies = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();

  private record Copy(String generation, StoredEntry entry, long localUntil) {}

  public HeapLocalLayer(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  @Override
  public StoredEntry get(String generation, byte[] key, long nowMillis) {
    Copy copy = copies.get(new BytesKey(key));
    if (copy == null || !copy.generation().equals(generation) || copy.localUntil() <= nowMillis) {
      return null;
    }
    return copy.entry();
  }

  @Override
  public void put(String generation, byte[] key, StoredEntry entry, long readAt, long localUntil) {
    if (copies.put(new BytesKey(key), new Copy(generation, entry.withDecodedSlot(), localUntil)) == null && size.incrementAndGet() > maxEntries) {
      evictOne();
    }
  }

  @Override
  public void invalidate(String generation, byte[] key) {
    if (copies.remove(new BytesKey(key)) != null) {
      size.decrementAndGet();
    }
  }

  private void evictOne() {
    Iterator<BytesKey> keys = copies.keySet().iterator();
    while (size.get() > maxEntries && keys.hasNext()) {
      BytesKey victim = keys.next();
      if (copies.remove(victim) != null) {
        size.decrementAndGet();
      }
    }
  }

  /** How many copies are held (for tests and statistics). */
  public int size() {
    return size.get();
  }

  @Override
  public void close() {
    copies.clear();
    size.set(0);
  }
}
