package io.github.dualcache.codec;

import javax.cache.CacheException;

/**
 * What a decoder may do with untrusted bytes: return a value or throw a {@link CacheException}
 * ({@link CodecException} is one). Anything else escapes to Jazzer, which reports it as a finding:
 * another RuntimeException, a StackOverflowError, an OutOfMemoryError (the fuzz JVM has a small
 * heap, see the surefire execution "fuzz" in pom.xml), or a per-input timeout.
 */
final class FuzzContract {
  private FuzzContract() {}

  static void decodeOrRefuse(Codec codec, byte[] bytes) {
    try {
      codec.decode(bytes);
    } catch (CacheException refused) {
      // a clean refusal: the cache treats the entry as unreadable
    }
  }
}
