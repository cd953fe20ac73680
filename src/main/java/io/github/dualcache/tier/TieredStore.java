package io.github.dualcache.tier;

import io.github.dualcache.jmx.LayerStatistics;
import io.github.dualcache.time.CoarseClock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The two-level store of one cache, and the one place that decides staleness.
 *
 * <ul>
 *   <li>Plain reads ({@link #readCached}) try the local layer, then the global one, and keep a
 *       local copy for at most the local TTL and never past the entry's own deadline.
 *   <li>Everything else ({@link #read} and every write) goes to the global layer, so operations
 *       whose result depends on the exact current value always see it.
 *   <li>Every write in this JVM invalidates the local copy after the global write, and bumps the
 *       key's {@link InvalidationStamps stamp} so a concurrent reader cannot put back the value it
 *       read before the write: a JVM never serves an older value after its own write returned.
 *   <li>A write in another JVM shows up here within the local TTL, when the copy ages out.
 * </ul>
 */
public final class TieredStore implements GlobalLayer {
  private final GlobalLayer global;
  private final LocalLayer local;
  private final long localTtlMillis;
  private final LongSupplier clock;
  /** What {@link #readLocal} callers judge a heap copy's local TTL by; closed with the store. */
  private final CoarseClock copyClock;
  private final LayerStatistics statistics;
  private final InvalidationStamps stamps = new InvalidationStamps();
  private final ConcurrentHashMap<BytesKey, InFlight> inFlight = new ConcurrentHashMap<>();
  /** The local layer if it is the heap's, which also finds copies by key object; else null. */
  private final HeapLocalLayer heap;
  /** The generation token as a read last found it, and until when it may be used without asking. */
  private volatile FreshGeneration freshGeneration = new FreshGeneration("", Long.MIN_VALUE);

  private record FreshGeneration(String token, long freshUntilMillis) {}

  /**
   * @param clock the exact wall clock, in epoch milliseconds: fills, global reads
   * @param copyClock a cheaper reading of it for {@link #readLocal}, which this store closes
   */
  public TieredStore(GlobalLayer global, LocalLayer local, long localTtlMillis, LongSupplier clock,
      CoarseClock copyClock, LayerStatistics statistics) {
    this.global = global;
    this.local = local;
    this.localTtlMillis = localTtlMillis;
    this.clock = clock;
    this.copyClock = copyClock;
    this.statistics = statistics;
    this.heap = local instanceof HeapLocalLayer layer ? layer : null;
  }

  /**
   * The time to give {@link #readLocal}: the coarse clock, which may lag the exact one by about a
   * millisecond, so a copy may be served that long past its local TTL, and the generation token
   * used that long past its age.
   */
  public long copyClockMillis() {
    return copyClock.wallMillis();
  }

  /**
   * The local copy of a key, found by the key object itself so that a hit does not encode the
   * key. Only copies filled for an immutable key object are found this way, so any other key
   * costs one hash lookup that finds nothing. Null when there is none: the caller then reads with
   * {@link #readCached(byte[], Object)}, which also indexes the copy it fills. Not counted: the
   * caller counts the local hit it serves, when it counts reads.
   *
   * @param key any key object; equal immutable objects of one class must encode to the same bytes
   * @param nowMillis a reading of {@link #copyClockMillis()} (or of the exact clock)
   */
  public StoredEntry readLocal(Object key, long nowMillis) {
    if (heap == null) {
      return null;
    }
    // The token's age is checked against the clock reading the caller already took, and a token
    // that changed (this JVM's clear()) is seen at once; a stale one sends the read the slow way,
    // where generation() reads it again. Tokens are compared by identity (GlobalLayer#generation):
    // a character-by-character comparison is code the JIT must then inline into every hit.
    FreshGeneration fresh = freshGeneration;
    String generation = global.currentGeneration();
    if (nowMillis >= fresh.freshUntilMillis() || fresh.token() != generation) {
      return null;
    }
    return heap.getByKey(generation, key, nowMillis);
  }

  /** A read that may be served by the local layer; the version is unknown when it is. */
  public Versioned readCached(byte[] key) {
    return readCached(key, null);
  }

  /**
   * {@link #readCached(byte[])} of a key whose object {@code handle} is immutable (or null if it is
   * not), so that a later {@link #readLocal} finds the copy this read fills.
   */
  public Versioned readCached(byte[] key, Object handle) {
    String generation = global.generation();
    long now = clock.getAsLong();
    if (handle != null && heap != null) {
      noteGeneration(generation, now);
    }
    StoredEntry copy = local.get(generation, key, now);
    if (copy != null) {
      statistics.localHit();
      return new Versioned(copy, Versioned.NO_VERSION, true);
    }
    long stamp = stamps.current(key);
    if (local == LocalLayer.NONE) {
      return readGlobal(generation, key, handle, stamp, now);
    }
    // Threads that miss the same key at once share one global read, so a hot key costs one global
    // get per local TTL per box, not per thread. A thread joins only a read that started after this
    // JVM's last write of the key (same stamp), so it never gets a value older than that write.
    BytesKey flightKey = new BytesKey(key);
    InFlight mine = new InFlight(stamp, new CompletableFuture<>());
    InFlight running = inFlight.putIfAbsent(flightKey, mine);
    if (running != null) {
      return running.stamp() == stamp ? running.await() : readGlobal(generation, key, handle, stamp, now);
    }
    try {
      Versioned found = readGlobal(generation, key, handle, stamp, now);
      mine.result().complete(found);
      return found;
    } catch (RuntimeException e) {
      mine.result().completeExceptionally(e);
      throw e;
    } finally {
      inFlight.remove(flightKey, mine);
    }
  }

  /** Lets {@link #readLocal} use {@code generation} for as long as generation() would return it unasked. */
  private void noteGeneration(String generation, long now) {
    FreshGeneration fresh = freshGeneration;
    if (now >= fresh.freshUntilMillis() || fresh.token() != generation) {
      long freshFor = global.generationFreshForMillis();
      freshGeneration = new FreshGeneration(generation, freshFor == Long.MAX_VALUE ? Long.MAX_VALUE : now + freshFor);
    }
  }

  private Versioned readGlobal(String generation, byte[] key, Object handle, long stamp, long now) {
    Versioned found = global.read(key);
    countGlobal(found, now);
    fill(generation, key, handle, found, stamp, now);
    return found;
  }

  /** A global read other threads may wait for, and the stamp of its key when it started. */
  private record InFlight(long stamp, CompletableFuture<Versioned> result) {
    Versioned await() {
      try {
        return result.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    }
  }

  /** {@link #readCached} for many keys, with one global round trip for the local misses. */
  public <T> Map<T, Versioned> readAllCached(Map<T, byte[]> keys) {
    String generation = global.generation();
    long now = clock.getAsLong();
    Map<T, Versioned> result = new LinkedHashMap<>();
    Map<T, byte[]> missing = new LinkedHashMap<>();
    Map<T, Long> stampsOfMissing = new LinkedHashMap<>();
    keys.forEach((handle, key) -> {
      StoredEntry copy = local.get(generation, key, now);
      if (copy != null) {
        statistics.localHit();
        result.put(handle, new Versioned(copy, Versioned.NO_VERSION, true));
      } else {
        missing.put(handle, key);
        stampsOfMissing.put(handle, stamps.current(key));
        result.put(handle, null);
      }
    });
    if (!missing.isEmpty()) {
      global.readAll(missing).forEach((handle, found) -> {
        countGlobal(found, now);
        fill(generation, missing.get(handle), null, found, stampsOfMissing.get(handle), now);
        result.put(handle, found);
      });
    }
    return result;
  }

  private void countGlobal(Versioned found, long now) {
    if (found.isPresent() && !found.entry().isExpiredAt(now)) {
      statistics.globalHit();
    }
  }

  private void fill(String generation, byte[] key, Object handle, Versioned found, long stamp, long now) {
    if (local == LocalLayer.NONE || !found.isPresent() || found.entry().isExpiredAt(now)) {
      return;
    }
    if (stamps.current(key) != stamp) {
      return;
    }
    long deadline = found.entry().deadline();
    long localUntil = now + localTtlMillis;
    if (deadline != StoredEntry.ETERNAL) {
      localUntil = Math.min(localUntil, deadline);
    }
    if (handle != null && heap != null) {
      heap.put(generation, key, handle, found.entry(), localUntil);
    } else {
      local.put(generation, key, found.entry(), now, localUntil);
    }
    statistics.localFill();
    if (stamps.current(key) != stamp) {
      // A write in this JVM landed while we filled: its invalidation may have come first.
      local.invalidate(generation, key);
    }
  }

  private void invalidate(byte[] key) {
    stamps.bump(key);
    if (local != LocalLayer.NONE) {
      local.invalidate(global.generation(), key);
      statistics.invalidation();
    }
  }

  @Override
  public Versioned read(byte[] key) {
    return global.read(key);
  }

  @Override
  public <T> Map<T, Versioned> readAll(Map<T, byte[]> keys) {
    return global.readAll(keys);
  }

  @Override
  public void write(StoredEntry entry) {
    try {
      global.write(entry);
    } finally {
      invalidate(entry.key());
    }
  }

  @Override
  public boolean compareAndSet(byte[] key, Versioned expected, StoredEntry next) {
    boolean stored = false;
    try {
      stored = global.compareAndSet(key, expected, next);
      return stored;
    } finally {
      // A lost race changed nothing here, but the copy may be older than what won: drop it too.
      invalidate(key);
    }
  }

  @Override
  public List<StoredEntry> scan() {
    return global.scan();
  }

  /** A new generation orphans every local copy: they are keyed by the old one. */
  @Override
  public void clear() {
    global.clear();
  }

  @Override
  public String generation() {
    return global.generation();
  }

  @Override
  public int maxEntryBytes() {
    return global.maxEntryBytes();
  }

  public void close() {
    try {
      local.close();
    } finally {
      copyClock.close();
    }
  }
}
