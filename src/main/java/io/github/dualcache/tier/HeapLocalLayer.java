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
    final String generation;
    final StoredEntry entry;
    final long localUntil;
    /** The immutable key object this copy is indexed by, or null. */
    final Object handle;
    /** Set (before it leaves the bytes map) once the copy may no longer be served. */
    volatile boolean dropped;

    Copy(String generation, StoredEntry entry, long localUntil, Object handle) {
      this.generation = generation;
      this.entry = entry;
      this.localUntil = localUntil;
      this.handle = handle;
    }

    /** Tokens are compared by identity: an unchanged one is one instance ({@link GlobalLayer#generation}). */
    StoredEntry liveIn(String currentGeneration, long nowMillis) {
      return !dropped && generation == currentGeneration && localUntil > nowMillis ? entry : null;
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
   * equals {@code handle}, found without the key's bytes; null if there is none.
   */
  public StoredEntry getByKey(String generation, Object handle, long nowMillis) {
    Copy copy = byKey.get(handle);
    return copy == null ? null : copy.liveIn(generation, nowMillis);
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
    if (copy.dropped) {
      byKey.remove(handle, copy);
    }
  }

  private void drop(Copy copy) {
    copy.dropped = true;
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
    copies.values().forEach(copy -> copy.dropped = true);
    copies.clear();
    byKey.clear();
    size.set(0);
  }
}
