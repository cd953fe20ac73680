package io.github.dualcache.tier;

/**
 * One cache entry as the layers hold it: the serialized key (kept to detect digest collisions and
 * to recover keys when iterating), the serialized value, the id of the codec that wrote them and
 * the expiry deadline in epoch milliseconds ({@link #ETERNAL} for none). A heap copy also carries
 * a {@link Decoded} slot; every other entry has none.
 */
public record StoredEntry(byte[] key, byte[] value, byte codec, long deadline, Decoded decoded) {
  public static final long ETERNAL = 0;

  public StoredEntry(byte[] key, byte[] value, byte codec, long deadline) {
    this(key, value, codec, deadline, null);
  }

  public boolean isExpiredAt(long nowMillis) {
    return deadline != ETERNAL && deadline <= nowMillis;
  }

  /** The same entry without the slot: a new deadline makes it a new entry, not the heap copy. */
  public StoredEntry withDeadline(long newDeadline) {
    return new StoredEntry(key, value, codec, newDeadline);
  }

  /** The value a reader kept in this entry's {@link Decoded} slot, or null if it has none. */
  public Object kept() {
    return decoded == null ? null : decoded.get();
  }

  /** This entry with an empty slot of its own. */
  StoredEntry withDecodedSlot() {
    return new StoredEntry(key, value, codec, deadline, new Decoded());
  }

  /**
   * Where the reader of a heap copy keeps the value it decoded from {@link #value()}, when that
   * value is immutable, so that later hits of the copy skip decoding; the layers never look inside.
   * It is filled only from these bytes, so it is exactly as trusted as they are.
   */
  public static final class Decoded {
    private volatile Object value;

    Decoded() {}

    /** The value decoded earlier, or null. */
    public Object get() {
      return value;
    }

    public void set(Object decoded) {
      value = decoded;
    }
  }
}
