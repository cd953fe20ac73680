package io.github.dualcache.memcached;

import io.github.dualcache.tier.StoredEntry;

/**
 * memcached expiration times for envelopes. memcached's TTL only reclaims memory: it counts whole
 * seconds and a TTL of 1 lives anywhere from 0 to 1 s, so an item is kept one second past its
 * rounded-up deadline and the envelope's deadline decides when the entry is gone.
 */
final class Expirations {
  /** Relative TTLs above 30 days are read by memcached as absolute unix times. */
  private static final long MAX_RELATIVE_SECONDS = 60L * 60 * 24 * 30;

  /**
   * An absolute time long past (1970), which memcached treats as "expired already": a {@code cas}
   * with it is a delete-if-unchanged on the text protocol, without sending a negative TTL.
   */
  static final int EXPIRED = (int) MAX_RELATIVE_SECONDS + 1;

  private Expirations() {}

  static int forDeadline(long deadline, long nowMillis) {
    if (deadline == StoredEntry.ETERNAL) {
      return 0;
    }
    long seconds = Math.max(1, ceilSeconds(deadline - nowMillis) + 1);
    if (seconds <= MAX_RELATIVE_SECONDS) {
      return (int) seconds;
    }
    long absolute = ceilSeconds(deadline) + 1;
    return absolute > Integer.MAX_VALUE ? 0 : (int) absolute;
  }

  private static long ceilSeconds(long millis) {
    return Math.floorDiv(millis + 999, 1000);
  }
}
