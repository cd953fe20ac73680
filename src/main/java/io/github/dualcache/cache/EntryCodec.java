package io.github.dualcache.cache;

import io.github.dualcache.codec.Codec;
import io.github.dualcache.codec.CodecException;
import io.github.dualcache.codec.Codecs;
import io.github.dualcache.jmx.LayerStatistics;
import io.github.dualcache.tier.StoredEntry;
import io.github.dualcache.tier.Versioned;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serializes one cache's keys and values and decodes what the layers return. Bytes that do not
 * decode (foreign, truncated, written by another codec, over a decoder limit, or naming a class
 * this JVM does not trust) read as a miss: they are counted, each reason is logged once, and the
 * next write replaces them.
 */
final class EntryCodec<K, V> {
  private static final Logger LOGGER = System.getLogger(EntryCodec.class.getName());
  /** Bounds the kept key bytes; past it they are all dropped, as a hot key is re-encoded at once. */
  private static final int MAX_ENCODED_KEYS = 1024;
  /** Only short keys are kept, so the kept bytes stay under a megabyte or so per cache. */
  private static final int MAX_KEPT_KEY_BYTES = 256;

  private final String cacheName;
  private final Codec keys;
  private final Codec values;
  private final LayerStatistics layers;
  /** Reasons and classes already logged; bounded, since the bytes choose them. */
  private final Set<String> reported = ConcurrentHashMap.newKeySet();
  private static final int MAX_REPORTED = 256;
  private final ConcurrentHashMap<Object, byte[]> encodedKeys = new ConcurrentHashMap<>();

  EntryCodec(String cacheName, Codecs.Pair codecs, LayerStatistics layers) {
    this.cacheName = cacheName;
    this.keys = codecs.keys();
    this.values = codecs.values();
    this.layers = layers;
  }

  /**
   * An {@link Immutables immutable} key's bytes are kept, so the reads of a hot key do not encode it
   * every time; equal immutable keys encode alike, and nothing writes into key bytes.
   */
  byte[] key(K key) {
    if (!Immutables.isImmutable(key)) {
      return keys.encode(key);
    }
    byte[] known = encodedKeys.get(key);
    if (known == null) {
      known = keys.encode(key);
      if (known.length <= MAX_KEPT_KEY_BYTES) {
        if (encodedKeys.size() >= MAX_ENCODED_KEYS) {
          encodedKeys.clear();
        }
        encodedKeys.put(key, known);
      }
    }
    return known;
  }

  StoredEntry entry(byte[] key, V value, long deadline) {
    return new StoredEntry(key, values.encode(value), values.id(), deadline);
  }

  Seen<V> see(Versioned found, long nowMillis) {
    if (found.entry() == null && found.occupied()) {
      unreadable("the memcached item under its key is not a readable dualcache envelope (foreign bytes, or truncated"
          + " or damaged: its lengths or CRC32C do not match; or a different key with the same digest)", null);
    }
    V value = value(found.entry());
    if (value == null) {
      return new Seen<>(found, null, null);
    }
    return found.entry().isExpiredAt(nowMillis) ? new Seen<>(found, null, value) : new Seen<>(found, value, null);
  }

  /**
   * A heap copy's value is decoded once if it is {@link Immutables immutable} and that instance is
   * handed to every later hit of the copy; any other value is decoded afresh on every read.
   *
   * @return the value, or null if there is none or it cannot be read
   */
  @SuppressWarnings("unchecked")
  V value(StoredEntry entry) {
    if (entry == null) {
      return null;
    }
    Object kept = entry.kept();
    if (kept != null) {
      return (V) kept;
    }
    Object value = decode(entry, values, entry.value());
    StoredEntry.Decoded slot = entry.decoded();
    if (slot != null && Immutables.isImmutable(value)) {
      slot.set(value);
    }
    return (V) value;
  }

  /** @return the key, or null if it cannot be read */
  @SuppressWarnings("unchecked")
  K key(StoredEntry entry) {
    return (K) decode(entry, keys, entry.key());
  }

  private Object decode(StoredEntry entry, Codec codec, byte[] bytes) {
    if (entry.codec() != codec.id()) {
      unreadable("it was written with codec " + entry.codec() + " and this cache reads codec " + codec.id(), null);
      return null;
    }
    try {
      return codec.decode(bytes);
    } catch (CodecException e) {
      if (e.untrustedClass() != null) {
        untrusted(e);
      } else {
        unreadable(e.getMessage(), e);
      }
      return null;
    }
  }

  /**
   * Bytes naming a class this JVM does not trust: what a second instance of an application sees
   * until it caches a value of that class itself, so DEBUG, once per class, with the setting.
   */
  private void untrusted(CodecException e) {
    layers.unreadableEntry();
    if (reported.size() < MAX_REPORTED && reported.add(e.untrustedClass())) {
      LOGGER.log(Level.DEBUG, "Cache " + cacheName + " read an entry as a miss: " + e.getMessage());
    }
  }

  /** Bytes that are damaged, foreign or over a limit: a WARNING, once per distinct reason. */
  private void unreadable(String reason, Throwable cause) {
    layers.unreadableEntry();
    if (reported.size() < MAX_REPORTED && reported.add(reason)) {
      LOGGER.log(Level.WARNING, "Cache " + cacheName + " read an entry it cannot decode and treated it as a miss: "
          + reason + " (each reason is logged once; all are counted in LayerStatistics.UnreadableEntries)", cause);
    }
  }
}
