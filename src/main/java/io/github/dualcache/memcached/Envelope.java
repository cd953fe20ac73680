package io.github.dualcache.memcached;

import io.github.dualcache.tier.StoredEntry;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The bytes of one memcached item: a magic byte and format version, the codec id, a reserved flags
 * byte, the expiry deadline in epoch milliseconds, the lengths of the serialized key and value, a
 * CRC32C of the codec, deadline, key and value, the serialized key and the serialized value. The deadline here, not memcached's
 * whole-second TTL, decides expiry. Items are untrusted input: anything that does not parse, or
 * whose lengths or checksum do not match (a truncated or damaged item), is unreadable.
 */
final class Envelope {
  static final int HEADER_BYTES = 1 + 1 + 1 + 1 + 8 + 4 + 4 + 4;
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
        .putInt(entry.value().length)
        .putInt(checksum(entry.codec(), entry.deadline(), entry.key(), entry.value()))
        .put(entry.key())
        .put(entry.value())
        .array();
  }

  /** @return the entry, or null if the bytes are not an envelope of this format */
  static StoredEntry decode(byte[] bytes) {
    return bytes == null ? null : decode(bytes, 0);
  }

  /**
   * The envelope that fills {@code bytes} from {@code offset} to the end (a local copy's, after its
   * deadline), read in place rather than copied out first.
   *
   * @return the entry, or null if those bytes are not an envelope of this format
   */
  static StoredEntry decode(byte[] bytes, int offset) {
    if (offset < 0 || offset > bytes.length || bytes.length - offset < HEADER_BYTES
        || bytes[offset] != MAGIC || bytes[offset + 1] != VERSION) {
      return null;
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    buffer.position(offset + 2);
    byte codec = buffer.get();
    if (buffer.get() != 0) {
      return null;
    }
    long deadline = buffer.getLong();
    int keyLength = buffer.getInt();
    int valueLength = buffer.getInt();
    int checksum = buffer.getInt();
    if (deadline < 0 || keyLength < 0 || valueLength < 0 || (long) keyLength + valueLength != buffer.remaining()) {
      return null;
    }
    int keyAt = buffer.position();
    // key and value lie side by side, so one pass over them checks both before anything is copied
    if (checksum != checksum(codec, deadline, bytes, keyAt, keyLength + valueLength)) {
      return null;
    }
    byte[] key = Arrays.copyOfRange(bytes, keyAt, keyAt + keyLength);
    byte[] value = Arrays.copyOfRange(bytes, keyAt + keyLength, bytes.length);
    return new StoredEntry(key, value, codec, deadline);
  }

  private static int checksum(byte codec, long deadline, byte[] keyThenValue, int offset, int length) {
    CRC32C crc = header(codec, deadline);
    crc.update(keyThenValue, offset, length);
    return (int) crc.getValue();
  }

  private static int checksum(byte codec, long deadline, byte[] key, byte[] value) {
    CRC32C crc = header(codec, deadline);
    crc.update(key);
    crc.update(value);
    return (int) crc.getValue();
  }

  private static CRC32C header(byte codec, long deadline) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(9).put(codec).putLong(deadline).array());
    return crc;
  }
}
