package io.github.dualcache.tier;

/**
 * One cache entry as the layers hold it: the serialized key (kept to detect digest collisions and
 * to recover keys when iterating), the serialized value, the id of the codec that wrote them and
 * the expiry deadline in epoch milliseconds ({@link #ETERNAL} for none).
 */
public record StoredEntry(byte[] key, byte[] value, byte codec, long deadline) {
  public static final long ETERNAL = 0;

  public boolean isExpiredAt(long nowMillis) {
    return deadline != ETERNAL && deadline <= nowMillis;
  }

  public StoredEntry withDeadline(long newDeadline) {
    return new StoredEntry(key, value, codec, newDeadline);
  }
}
