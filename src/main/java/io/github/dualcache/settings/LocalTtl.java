package io.github.dualcache.settings;

import java.time.Duration;

/**
 * The one rule for a local TTL, wherever it is set: at least a millisecond. The layers count it in
 * whole milliseconds, and zero does not turn the local layer off: every local copy would be dead
 * on arrival and every read would also fetch the cache's generation. No local layer is
 * {@code dualcache.local.type=none}.
 */
public final class LocalTtl {
  private static final Duration MINIMUM = Duration.ofMillis(1);

  private LocalTtl() {}

  /**
   * @param ttl the TTL asked for
   * @param asked where and how it was asked for, for the message, e.g. {@code dualcache.local.ttl=0ms}
   */
  public static Duration check(Duration ttl, String asked) {
    if (ttl.compareTo(MINIMUM) < 0) {
      throw new IllegalArgumentException(asked + " is not valid: a local TTL must be at least 1ms"
          + " (like 500ms, 2s or PT0.5S); for no local layer use " + DualcacheSettings.LOCAL_TYPE + "=none");
    }
    return ttl;
  }
}
