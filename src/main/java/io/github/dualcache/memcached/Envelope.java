package io.github.dualcache.memcached;

import io.github.dualcache.tier.StoredEntry;
import java.nio.ByteBuffer;

/**
 * The bytes of one memcached item: a magic byte and format version, the codec id, a reserved flags
 * byte, the expiry deadline in epoch milliseconds, the serialized key's length, the serialized key
 * and the serialized value. The deadline here, not memcached's whole-second TTL, decides expiry.
 * Items are untrusted input: anything that does not parse is reported as unreadable, never trusted.
 */
final class Envelope {
  static final int HEADER_BYTES = 1 + 1 + 1 + 1 + 8 + 4;
  private static final byte MAGIC = (byte) 0xDC;
  private static final byte VERSION = 1;

  private Envelope() {}

  static int sizeOf(StoredEntry entry) {
    return HEADER_BYTES + entry.key().length + entry.value().length;
  }

  static byte[] encode(StoredEntry entry) {
    return ByteBuffer.allocate(sizeOf(entry))
        .put(MAGIC)
        .put(VERSION)
        .put(entry.codec())
        .put((byte) 0)
        .putLong(entry.deadline())
        .putInt(entry.key().length)
        .put(entry.key())
        .put(entry.value())
        .array();
  }

  /** @return the entry, or null if the bytes are not an envelope of this format */
  static StoredEntry decode(byte[] bytes) {
    if (bytes == null || bytes.length < HEADER_BYTES || bytes[0] != MAGIC || bytes[1] != VERSION) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    buffer.position(2);
    byte codec = buffer.get();
    buffer.get();
    long deadline = buffer.getLong();
    int keyLength = buffer.getInt();
    if (deadline < 0 || keyLength < 0 || keyLength > buffer.remaining()) {
      return null;
    }
    byte[] key = new byte[keyLength];
    buffer.get(key);
    byte[] value = new byte[buffer.remaining()];
    buffer.get(value);
    return new StoredEntry(key, value, codec, deadline);
  }
}
