package io.github.dualcache.memcached;

import net.spy.memcached.CachedData;
import net.spy.memcached.transcoders.Transcoder;

/**
 * Bytes in, bytes out. spymemcached's default {@code SerializingTranscoder} deserializes whatever a
 * server hands it with no filter; every byte we read goes through our own envelope instead.
 */
final class BytesTranscoder implements Transcoder<byte[]> {
  static final BytesTranscoder INSTANCE = new BytesTranscoder();

  @Override
  public boolean asyncDecode(CachedData data) {
    return false;
  }

  @Override
  public CachedData encode(byte[] bytes) {
    return new CachedData(0, bytes, Integer.MAX_VALUE);
  }

  @Override
  public byte[] decode(CachedData data) {
    return data.getData();
  }

  @Override
  public int getMaxSize() {
    return Integer.MAX_VALUE;
  }
}
