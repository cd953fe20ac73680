package io.github.dualcache.memcached;

import io.github.dualcache.jmx.LayerStatistics;
import io.github.dualcache.tier.GlobalLayer;
import io.github.dualcache.tier.StoredEntry;
import io.github.dualcache.tier.Versioned;
import io.github.dualcache.time.TimeSource;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import javax.cache.CacheException;

/**
 * One cache's entries in the global memcached cluster.
 *
 * <p>{@code clear()} never flushes: it stores a new random generation token under the cache's
 * generation key, and every entry key embeds the token, so old entries become unreachable at once
 * and age out. A node uses its copy of the token for at most {@code generationTtlMillis} (the
 * local TTL), which bounds how late another JVM's {@code clear()} shows up here. If memcached
 * evicts the token, a new random one makes the cache look empty: old data is never resurrected.
 *
 * <p>The token lives on one server, and every call needs it, so re-reading it must neither make
 * callers queue nor make that server a single point of failure:
 * <ul>
 *   <li>one read is in flight at a time, shared by every caller that needs it; a caller waits
 *       for it at most until that read's own deadline (one timeout after it was sent), and no
 *       lock is held while waiting;
 *   <li>when the read fails (its server down, frozen or refusing calls) and this JVM knows a
 *       token, calls go on with the last one known, counted in {@code GenerationFallbacks}, and the
 *       token is read again only after a backoff (or as soon as a server that had lost its
 *       connection has it back); a caller that knows a token does not wait for a read that is
 *       testing a server that timed out before;
 *   <li>a JVM that knows no token fails the call.
 * </ul>
 * The price of the fallback: while this JVM cannot read the token, a {@code clear()} made by
 * another JVM is not seen here, and writes made here go to the old generation, which other JVMs
 * no longer read. This JVM's own {@code clear()} fails when the token's server cannot be written.
 */
final class MemcachedGlobalLayer implements GlobalLayer {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SCAN_BATCH = 256;
  /** Room for memcached's item header, the key and the value's trailing CRLF. */
  private static final int ITEM_OVERHEAD = 512;

  private static final Logger LOGGER = System.getLogger(MemcachedGlobalLayer.class.getName());

  private final String cacheName;
  private final MemcachedCluster cluster;
  private final KeyMapper keys;
  private final long generationTtlNanos;
  private final TimeSource time;
  private final LayerStatistics statistics;
  private volatile Generation generation;
  /** Guards starting a read of the token; never held while waiting for one. */
  private final ReentrantLock readLock = new ReentrantLock();
  private volatile GenerationRead reading;
  private volatile long retryReadAtNanos;
  private volatile boolean retryWhenConnected;
  private volatile CacheException lastReadFailure;
  private volatile boolean fallingBack;

  /** A token and when the read that found it was sent (the time its age counts from). */
  private record Generation(String token, long readAtNanos) {}

  /** The one read of the token in flight. */
  private record GenerationRead(MemcachedCluster.PendingGets gets, long sentNanos) {}

  MemcachedGlobalLayer(String cacheName, MemcachedCluster cluster, KeyMapper keys, long generationTtlMillis,
      TimeSource time, LayerStatistics statistics) {
    this.cacheName = cacheName;
    this.cluster = cluster;
    this.keys = keys;
    this.generationTtlNanos = TimeUnit.MILLISECONDS.toNanos(generationTtlMillis);
    this.time = time;
    this.statistics = statistics;
    this.retryReadAtNanos = time.nanoTime();
  }

  @Override
  public Versioned read(byte[] key) {
    ItemVersion item = cluster.gets(keys.entryKey(generation(), key));
    return item == null ? Versioned.absent() : new Versioned(readable(item.bytes(), key), item.cas(), true);
  }

  @Override
  public <T> Map<T, Versioned> readAll(Map<T, byte[]> requested) {
    String token = generation();
    Map<String, T> byItemKey = new LinkedHashMap<>();
    requested.forEach((handle, key) -> byItemKey.put(keys.entryKey(token, key), handle));
    Map<String, byte[]> found = cluster.getBulk(byItemKey.keySet());
    Map<T, Versioned> result = new LinkedHashMap<>();
    byItemKey.forEach((itemKey, handle) -> {
      byte[] bytes = found.get(itemKey);
      result.put(handle, bytes == null
          ? Versioned.absent()
          : new Versioned(readable(bytes, requested.get(handle)), Versioned.NO_VERSION, true));
    });
    return result;
  }

  @Override
  public void write(StoredEntry entry) {
    cluster.set(keys.entryKey(generation(), entry.key()), expiration(entry), encode(entry));
  }

  /**
   * Commits {@code next} only if the item is still exactly what {@code expected} read; this is the
   * linearization point of every conditional operation. What memcached answers, and what it means:
   *
   * <ul>
   *   <li>{@code expected} found nothing: {@code add}. {@code STORED} won; {@code NOT_STORED} means
   *       someone created the item since: lost, retry.
   *   <li>{@code expected} found an item: {@code cas} with its version. {@code STORED} won;
   *       {@code EXISTS} means someone changed it since: lost, retry. {@code NOT_FOUND} means the
   *       item we read is gone since — another client's remove (a {@code cas} to an expired time),
   *       expiry or eviction: also lost, retry. It is never "absent, so add": a remove that lost
   *       that race would report success for a value someone else removed, and an update that lost
   *       it would write over the remove with a value computed from what the remove deleted.
   * </ul>
   *
   * Every loss makes the caller read again, so its decision is always taken on the current item.
   */
  @Override
  public boolean compareAndSet(byte[] key, Versioned expected, StoredEntry next) {
    String itemKey = keys.entryKey(generation(), key);
    if (!expected.occupied()) {
      return next == null || cluster.add(itemKey, expiration(next), encode(next));
    }
    if (expected.version() == Versioned.NO_VERSION) {
      throw new IllegalArgumentException("compareAndSet needs a version from read()");
    }
    CasOutcome outcome = next == null
        ? cluster.cas(itemKey, expected.version(), Expirations.EXPIRED, new byte[0])
        : cluster.cas(itemKey, expected.version(), expiration(next), encode(next));
    return outcome == CasOutcome.STORED;
  }

  @Override
  public List<StoredEntry> scan() {
    List<String> itemKeys = cluster.keysWithPrefix(keys.entryPrefix(generation()));
    List<StoredEntry> entries = new ArrayList<>();
    for (int from = 0; from < itemKeys.size(); from += SCAN_BATCH) {
      List<String> batch = itemKeys.subList(from, Math.min(itemKeys.size(), from + SCAN_BATCH));
      for (byte[] bytes : cluster.getBulk(batch).values()) {
        StoredEntry entry = Envelope.decode(bytes);
        if (entry != null) {
          entries.add(entry);
        }
      }
    }
    return entries;
  }

  /**
   * Stores a new token. It cannot be done without the token's server: then it fails, and the cache
   * may or may not have been cleared (a write that timed out may still land).
   */
  @Override
  public void clear() {
    String token = newToken();
    try {
      cluster.set(keys.generationKey(), 0, token.getBytes(StandardCharsets.US_ASCII));
    } catch (CacheException e) {
      throw new CacheException("Cache " + cacheName + " could not be cleared: its generation token "
          + keys.generationKey() + " on global memcached " + cluster.serverOf(keys.generationKey())
          + " could not be written (" + e.getMessage() + "); the clear may not have taken effect", e);
    }
    publish(new Generation(token, time.nanoTime()));
  }

  @Override
  public int maxEntryBytes() {
    return cluster.itemSizeMax() - ITEM_OVERHEAD - Envelope.HEADER_BYTES;
  }

  /** A readable entry for exactly {@code key}, or null for foreign bytes or a digest collision. */
  private static StoredEntry readable(byte[] bytes, byte[] key) {
    StoredEntry entry = Envelope.decode(bytes);
    return entry != null && Arrays.equals(entry.key(), key) ? entry : null;
  }

  private byte[] encode(StoredEntry entry) {
    int size = entry.key().length + entry.value().length;
    int limit = maxEntryBytes();
    if (size > limit) {
      throw new IllegalArgumentException("Entry too large for memcached: the serialized key and value take "
          + size + " bytes (value " + entry.value().length + " bytes), over the limit of " + limit
          + " bytes (server item_size_max " + cluster.itemSizeMax() + " minus item overhead); nothing was written");
    }
    return Envelope.encode(entry);
  }

  private int expiration(StoredEntry entry) {
    return Expirations.forDeadline(entry.deadline(), time.wallMillis());
  }

  @Override
  public String generation() {
    Generation known = generation;
    if (known != null && time.nanoTime() - known.readAtNanos() < generationTtlNanos) {
      return known.token();
    }
    GenerationRead read = reading;
    if (read == null) {
      read = startRead();
      if (read == null) {
        return lastKnown(known, lastReadFailure);
      }
    }
    if (known != null && read.gets().isProbe() && !read.gets().isSettled()) {
      // The token's server timed out before and this read tests it: do not wait for the answer.
      return lastKnown(known, null);
    }
    ItemVersion item;
    try {
      item = read.gets().await();
    } catch (CacheException e) {
      if (Thread.currentThread().isInterrupted()) {
        throw e; // this caller gave up; the read goes on for the others
      }
      readFailed(read, e);
      return lastKnown(known, e);
    }
    String token;
    if (item != null && isToken(item.bytes())) {
      String found = new String(item.bytes(), StandardCharsets.US_ASCII);
      // the token unchanged keeps its one instance: heap copies are keyed by it, and a hit's check
      // of its copy's token is then an identity comparison, not a character-by-character one
      token = known != null && known.token().equals(found) ? known.token() : found;
      publish(new Generation(token, read.sentNanos()));
    } else {
      // No token (first use, or evicted) or a foreign item there: make one. Rare, so synchronous.
      long startedNanos = time.nanoTime();
      try {
        token = readOrCreateGeneration();
      } catch (CacheException e) {
        readFailed(read, e);
        return lastKnown(known, e);
      }
      publish(new Generation(token, startedNanos));
    }
    finishRead(read);
    return token;
  }

  @Override
  public String currentGeneration() {
    Generation known = generation;
    return known != null ? known.token() : generation();
  }

  /** Zero for a token past its age (one this JVM falls back on): every call then asks generation(). */
  @Override
  public long generationFreshForMillis() {
    Generation known = generation;
    long leftNanos = known == null ? 0 : generationTtlNanos - (time.nanoTime() - known.readAtNanos());
    return Math.max(0, TimeUnit.NANOSECONDS.toMillis(leftNanos));
  }

  /** Sends the read of the token, unless one is in flight or a failed one is backing off. */
  private GenerationRead startRead() {
    long now = time.nanoTime();
    long waitNanos = Math.max(1, cluster.backoffNanos());
    try {
      if (!readLock.tryLock(waitNanos, TimeUnit.NANOSECONDS)) {
        return reading;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return reading;
    }
    try {
      if (reading != null) {
        return reading;
      }
      if (now - retryReadAtNanos < 0 && !(retryWhenConnected && cluster.isConnected(keys.generationKey()))) {
        return null;
      }
      GenerationRead read = new GenerationRead(cluster.getsAsync(keys.generationKey()), time.nanoTime());
      reading = read;
      return read;
    } catch (CacheException e) {
      // refused at once (its server's breaker is open) or not even queued
      backOff(e);
      return null;
    } finally {
      readLock.unlock();
    }
  }

  private void readFailed(GenerationRead read, CacheException failure) {
    readLock.lock();
    try {
      if (reading == read) {
        reading = null;
        backOff(failure);
      }
    } finally {
      readLock.unlock();
    }
  }

  /**
   * The token is read again after a backoff, or as soon as its server has a connection again if
   * the read failed for want of one (killed, restarted): a restarted server may have lost the
   * token, and every call made meanwhile with the old one would read and write a generation the
   * other JVMs have already left.
   */
  private void backOff(CacheException failure) {
    retryReadAtNanos = time.nanoTime() + cluster.backoffNanos();
    retryWhenConnected = !cluster.isConnected(keys.generationKey());
    lastReadFailure = failure;
  }

  private void finishRead(GenerationRead read) {
    readLock.lock();
    try {
      if (reading == read) {
        reading = null;
      }
    } finally {
      readLock.unlock();
    }
    if (fallingBack) {
      fallingBack = false;
      LOGGER.log(Level.INFO, "Cache " + cacheName + ": its generation token can be read again");
    }
  }

  /** Keeps the newest token: a read sent before this JVM's own clear() must not bring back the old one. */
  private void publish(Generation next) {
    synchronized (this) {
      Generation known = generation;
      if (known == null || next.readAtNanos() - known.readAtNanos() > 0) {
        generation = next;
      }
    }
  }

  /**
   * The last token known, when the token cannot be read; a JVM that knows none fails the call.
   *
   * @param failure why the read failed, or null if it is only still in flight
   */
  private String lastKnown(Generation known, CacheException failure) {
    if (known == null) {
      CacheException cause = failure != null ? failure : lastReadFailure;
      throw new CacheException("Cache " + cacheName + ": its generation token " + keys.generationKey()
          + " cannot be read from global memcached " + cluster.serverOf(keys.generationKey())
          + (cause == null ? "" : " (" + cause.getMessage() + ")"), cause);
    }
    statistics.generationFallback();
    if (!fallingBack && failure != null) {
      fallingBack = true;
      LOGGER.log(Level.WARNING, "Cache " + cacheName + ": its generation token cannot be read ("
          + failure.getMessage() + "); calls go on with the last token known, read "
          + TimeUnit.NANOSECONDS.toMillis(time.nanoTime() - known.readAtNanos())
          + " ms ago, until it can: a clear() by another JVM is not seen here meanwhile");
    }
    return known.token();
  }

  private String readOrCreateGeneration() {
    String key = keys.generationKey();
    for (int attempt = 0; attempt < 3; attempt++) {
      ItemVersion item = cluster.gets(key);
      if (item != null && isToken(item.bytes())) {
        return new String(item.bytes(), StandardCharsets.US_ASCII);
      }
      String token = newToken();
      byte[] bytes = token.getBytes(StandardCharsets.US_ASCII);
      if (item == null ? cluster.add(key, 0, bytes) : cluster.cas(key, item.cas(), 0, bytes) == CasOutcome.STORED) {
        return token;
      }
    }
    throw new CacheException(cluster.describe() + ": the generation key " + key
        + " kept changing while being read");
  }

  private static boolean isToken(byte[] bytes) {
    if (bytes.length != 16) {
      return false;
    }
    for (byte b : bytes) {
      if (!(Character.isLetterOrDigit(b) || b == '-' || b == '_')) {
        return false;
      }
    }
    return true;
  }

  private static String newToken() {
    byte[] random = new byte[12];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
