package io.github.dualcache.it;

import io.github.dualcache.codec.HostileStreams;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * Someone who can reach memcached and knows docs/wire-format.md: builds well-formed envelopes
 * with plain JDK serialization, as another program would, so nothing is learned by this JVM.
 */
final class Attacker {
  private Attacker() {}

  static byte[] serialized(Object value) {
    return HostileStreams.serialize(value);
  }

  /** A valid envelope of the JDK codec (id 1), eternal, holding {@code key} and {@code value}. */
  static byte[] envelope(Object key, Object value) {
    return envelope(key, serialized(value));
  }

  /** A valid envelope holding {@code key} and the serialized stream {@code valueBytes}, whatever it holds. */
  static byte[] envelope(Object key, byte[] valueBytes) {
    byte[] keyBytes = serialized(key);
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(9).put((byte) 1).putLong(0).array());
    crc.update(keyBytes);
    crc.update(valueBytes);
    return ByteBuffer.allocate(24 + keyBytes.length + valueBytes.length)
        .put((byte) 0xDC).put((byte) 1).put((byte) 1).put((byte) 0).putLong(0)
        .putInt(keyBytes.length).putInt(valueBytes.length).putInt((int) crc.getValue())
        .put(keyBytes).put(valueBytes)
        .array();
  }
}
