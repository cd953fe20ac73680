package io.github.dualcache.settings;

import io.github.dualcache.config.DualcacheConfiguration;
import java.time.Duration;

/**
 * The rule for a local TTL set by name ({@link DualcacheConfiguration#MINIMUM_LOCAL_TTL}), with an
 * error in the words of settings: no local layer is {@code dualcache.local.type=none}.
 */
final class LocalTtl {
  private LocalTtl() {}

  /**
   * @param ttl the TTL asked for
   * @param asked where and how it was asked for, for the message, e.g. {@code dualcache.local.ttl=0ms}
   */
  static Duration check(Duration ttl, String asked) {
    if (ttl.compareTo(DualcacheConfiguration.MINIMUM_LOCAL_TTL) < 0) {
      throw new IllegalArgumentException(asked + " is not valid: a local TTL must be at least 1ms"
          + " (like 500ms, 2s or PT0.5S); for no local layer use " + DualcacheSettings.LOCAL_TYPE + "=none");
    }
    return ttl;
  }
}
