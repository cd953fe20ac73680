package io.github.dualcache.codec;

/**
 * Turns keys and values into the bytes stored in memcached and back. Decoding reads bytes that
 * anyone who can reach memcached may have written, so it must fail with a {@link CodecException}
 * rather than run code or allocate without bound.
 */
public interface Codec {

  /** The id written into each envelope, so a reader can tell which codec wrote it. */
  byte id();

  /** @throws IllegalArgumentException if this codec cannot represent {@code value} */
  byte[] encode(Object value);

  /** @throws CodecException if the bytes are malformed or name a class that is not allowed */
  Object decode(byte[] bytes);
}
