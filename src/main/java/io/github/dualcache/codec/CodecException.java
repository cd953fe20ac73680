package io.github.dualcache.codec;

import javax.cache.CacheException;

/** Bytes read from memcached could not be turned back into an object. */
public final class CodecException extends CacheException {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    this(message, null, null);
  }

  public CodecException(String message, Throwable cause) {
    this(message, cause, null);
  }

  private final String untrustedClass;

  CodecException(String message, Throwable cause, String untrustedClass) {
    super(message, cause);
    this.untrustedClass = untrustedClass;
  }

  /**
   * The class the bytes name that this JVM does not trust (yet), or null when a limit or the
   * format refused them: the first is what a second JVM sees until it writes that class itself.
   */
  public String untrustedClass() {
    return untrustedClass;
  }
}
