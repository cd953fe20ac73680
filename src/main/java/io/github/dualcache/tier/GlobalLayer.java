package io.github.dualcache.tier;

import java.util.List;
import java.util.Map;

/**
 * The authoritative store of one cache: every JCache decision is made against what it returns.
 * Keys are the serialized JCache keys. Implementations fail with {@link javax.cache.CacheException}
 * within their configured timeout.
 */
public interface GlobalLayer {

  /** The entry under {@code key} with the version a later {@link #compareAndSet} needs. */
  Versioned read(byte[] key);

  /** One round trip for many keys; the versions are unknown ({@link Versioned#NO_VERSION}). */
  <T> Map<T, Versioned> readAll(Map<T, byte[]> keys);

  /** Unconditionally stores {@code entry}. */
  void write(StoredEntry entry);

  /**
   * Replaces what {@code expected} saw with {@code next} (or removes it when {@code next} is null)
   * only if nobody changed it since. {@code expected} must come from {@link #read}.
   *
   * @return false if the entry changed in between; the caller reads again and retries
   */
  boolean compareAndSet(byte[] key, Versioned expected, StoredEntry next);

  /** Every readable entry of the cache, expired ones included; costs a scan of each server. */
  List<StoredEntry> scan();

  /** Makes every entry unreachable at once, in every JVM (within the local TTL). */
  void clear();

  /**
   * The cache's current generation token. Local copies are keyed by it, so a {@link #clear()}
   * orphans them all at once.
   *
   * <p>A token that has not changed is returned as the same instance every time, read again or
   * not: the heap layer compares tokens by identity on every hit. An equal token in a new instance
   * would only make the copies keyed by the old one look stale (each refilled once), never serve a
   * copy across a clear.
   */
  String generation();

  /**
   * The token {@link #generation()} last returned, without checking its age (no clock read); it
   * changes at once with this JVM's own {@link #clear()}.
   */
  default String currentGeneration() {
    return generation();
  }

  /**
   * How much longer the token {@link #generation()} just returned may be used before it must be
   * asked for again, in milliseconds: until then a hit on a local copy may take the
   * {@link #currentGeneration()} without calling {@link #generation()}, and another JVM's
   * {@code clear()} still shows up here within the local TTL.
   */
  default long generationFreshForMillis() {
    return Long.MAX_VALUE;
  }

  /** The largest serialized value (key and value bytes together) a write accepts. */
  int maxEntryBytes();
}
