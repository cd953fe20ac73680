package io.github.dualcache.memcached;

import io.github.dualcache.tier.GlobalLayer;
import io.github.dualcache.tier.StoredEntry;
import io.github.dualcache.tier.Versioned;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import javax.cache.CacheException;

/**
 * One cache's entries in the global memcached cluster.
 *
 * <p>{@code clear()} never flushes: it stores a new random generation token under the cache's
 * generation key, and every entry key embeds the token, so old entries become unreachable at once
 * and age out. A node uses its copy of the token for at most {@code generationTtlMillis} (the
 * local TTL), which bounds how late another JVM's {@code clear()} shows up here. If memcached
 * evicts the token, a new random one makes the cache look empty: old data is never resurrected.
 */
final class MemcachedGlobalLayer implements GlobalLayer {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int SCAN_BATCH = 256;
  /** Room for memcached's item header, the key and the value's trailing CRLF. */
  private static final int ITEM_OVERHEAD = 512;

  private final MemcachedCluster cluster;
  private final KeyMapper keys;
  private final long generationTtlMillis;
  private final LongSupplier clock;
  private volatile Generation generation;

  private record Generation(String token, long readAtNanos) {}

  MemcachedGlobalLayer(MemcachedCluster cluster, KeyMapper keys, long generationTtlMillis, LongSupplier clock) {
    this.cluster = cluster;
    this.keys = keys;
    this.generationTtlMillis = generationTtlMillis;
    this.clock = clock;
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
  public void delete(byte[] key) {
    cluster.delete(keys.entryKey(generation(), key));
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

  @Override
  public void clear() {
    String token = newToken();
    cluster.set(keys.generationKey(), 0, token.getBytes(StandardCharsets.US_ASCII));
    generation = new Generation(token, System.nanoTime());
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
    return Expirations.forDeadline(entry.deadline(), clock.getAsLong());
  }

  @Override
  public String generation() {
    Generation known = generation;
    if (isFresh(known)) {
      return known.token();
    }
    synchronized (this) {
      // One thread re-reads the token; the others wait for it rather than read it too.
      known = generation;
      if (isFresh(known)) {
        return known.token();
      }
      long readAt = System.nanoTime();
      String token = readOrCreateGeneration();
      generation = new Generation(token, readAt);
      return token;
    }
  }

  private boolean isFresh(Generation known) {
    return known != null && System.nanoTime() - known.readAtNanos() < generationTtlMillis * 1_000_000;
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
