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
 *
 * <p>Copies are held by their key bytes. A copy filled for an immutable key object is also
 * indexed by that object, so a hit need not encode the key: the index only ever points at a copy
 * the bytes map holds or held, and every copy leaving the bytes map (replaced, invalidated,
 * evicted) is marked dropped first, so the index never serves what the bytes map would not.
 */
public final class HeapLocalLayer implements LocalLayer {
  private final int maxEntries;
  private final ConcurrentHashMap<BytesKey, Copy> copies = new ConcurrentHashMap<>();
  /** Copies by immutable key object; at most one entry per copy of {@link #copies}. */
  private final ConcurrentHashMap<Object, Copy> byKey = new ConcurrentHashMap<>();
  private final AtomicInteger size = new AtomicInteger();

  private static final class Copy {
    /** What {@link #servableUntil} becomes once the copy may no longer be served. */
    private static final long DROPPED = Long.MIN_VALUE;

    final String generation;
    final StoredEntry entry;
    /** The immutable key object this copy is indexed by, or null. */
    final Object handle;
    /**
     * The end of the copy's local TTL, until it is {@link #drop() dropped} (before it leaves the
     * bytes map): one field, so that a hit reads one for both.
     */
    private volatile long servableUntil;

    Copy(String generation, StoredEntry entry, long localUntil, Object handle) {
      this.generation = generation;
      this.entry = entry;
      this.handle = handle;
      this.servableUntil = localUntil;
    }

    /** Tokens are compared by identity: an unchanged one is one instance ({@link GlobalLayer#generation}). */
    StoredEntry liveIn(String currentGeneration, long nowMillis) {
      return generation == currentGeneration && servableUntil > nowMillis ? entry : null;
    }

    void drop() {
      servableUntil = DROPPED;
    }

    boolean dropped() {
      return servableUntil == DROPPED;
    }
  }

  public HeapLocalLayer(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  @Override
  public StoredEntry get(String generation, byte[] key, long nowMillis) {
    Copy copy = copies.get(new BytesKey(key));
    if (copy == null) {
      return null;
    }
    StoredEntry live = copy.liveIn(generation, nowMillis);
    if (live != null && copy.handle != null && byKey.get(copy.handle) != copy) {
      index(copy.handle, copy); // two fills raced and the index kept the older copy, now dropped
    }
    return live;
  }

  /**
   * The copy of the key whose {@link #put(String, byte[], Object, StoredEntry, long) key object}
   * equals {@code key} and is of its very class, found without the key's bytes; null if there is
   * none. Any key may ask: only immutable key objects are indexed, and an equal object of another
   * class (a mutable subclass, say) may encode to other bytes, so it never finds their copy.
   */
  public StoredEntry getByKey(String generation, Object key, long nowMillis) {
    Copy copy = byKey.get(key);
    return copy == null || copy.handle.getClass() != key.getClass() ? null : copy.liveIn(generation, nowMillis);
  }

  @Override
  public void put(String generation, byte[] key, StoredEntry entry, long readAt, long localUntil) {
    put(generation, key, null, entry, localUntil);
  }

  /**
   * {@link #put(String, byte[], StoredEntry, long, long)} for a key whose object is immutable, so the
   * copy is also found by {@code handle} (an instance nobody can change, equal to every key object
   * that encodes to {@code key}), or by bytes only if {@code handle} is null.
   */
  public void put(String generation, byte[] key, Object handle, StoredEntry entry, long localUntil) {
    Copy copy = new Copy(generation, entry.withDecodedSlot(), localUntil, handle);
    Copy replaced = copies.put(new BytesKey(key), copy);
    if (replaced != null) {
      drop(replaced);
    } else if (size.incrementAndGet() > maxEntries) {
      evictOne();
    }
    if (handle != null) {
      index(handle, copy);
    }
  }

  @Override
  public void invalidate(String generation, byte[] key) {
    Copy removed = copies.remove(new BytesKey(key));
    if (removed != null) {
      size.decrementAndGet();
      drop(removed);
    }
  }

  /**
   * Points the index at {@code copy}, unless it was dropped meanwhile: a dropper marks the copy
   * before it unindexes it, so one of the two always sees the other and no dropped copy stays.
   */
  private void index(Object handle, Copy copy) {
    byKey.put(handle, copy);
    if (copy.dropped()) {
      byKey.remove(handle, copy);
    }
  }

  private void drop(Copy copy) {
    copy.drop();
    if (copy.handle != null) {
      byKey.remove(copy.handle, copy);
    }
  }

  private void evictOne() {
    Iterator<BytesKey> keys = copies.keySet().iterator();
    while (size.get() > maxEntries && keys.hasNext()) {
      Copy victim = copies.remove(keys.next());
      if (victim != null) {
        size.decrementAndGet();
        drop(victim);
      }
    }
  }

  /** How many copies are held (for tests and statistics). */
  public int size() {
    return size.get();
  }

  @Override
  public void close() {
    copies.values().forEach(Copy::drop);
    copies.clear();
    byKey.clear();
    size.set(0);
  }
}
