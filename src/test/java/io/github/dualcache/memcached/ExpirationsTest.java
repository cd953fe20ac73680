package io.github.dualcache.memcached;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dualcache.tier.StoredEntry;
import org.junit.jupiter.api.Test;

class ExpirationsTest {
  private static final long NOW = 1_800_000_000_000L;

  @Test
  void eternalEntriesNeverExpireInMemcached() {
    assertEquals(0, Expirations.forDeadline(StoredEntry.ETERNAL, NOW));
  }

  @Test
  void keepsTheItemOneSecondPastTheRoundedUpDeadline() {
    assertEquals(2, Expirations.forDeadline(NOW + 1, NOW));
    assertEquals(2, Expirations.forDeadline(NOW + 1000, NOW));
    assertEquals(3, Expirations.forDeadline(NOW + 1001, NOW));
  }

  @Test
  void neverSendsZeroOrANegativeTtlForADeadlineInThePast() {
    assertEquals(1, Expirations.forDeadline(NOW - 5000, NOW));
  }

  @Test
  void longTtlsBecomeAbsoluteUnixTimes() {
    long sixtyDays = 60L * 24 * 3600 * 1000;
    assertEquals((NOW + sixtyDays) / 1000 + 1, Expirations.forDeadline(NOW + sixtyDays, NOW));
  }

  @Test
  void deadlinesPastTheUnixIntRangeKeepTheItemUntilEvicted() {
    assertEquals(0, Expirations.forDeadline(Long.MAX_VALUE / 2, NOW));
  }
}
