package io.github.dualcache.codec;

import javax.cache.CacheException;

/** Bytes read from memcached could not be turned back into an object. */
public final class CodecException extends CacheException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
