package io.github.dualcache.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.tier.StoredEntry;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.junit.jupiter.api.Test;

/** Deadlines from a fixed "now": no clock, no sleeping. */
class ExpiryCalculatorTest {
  private static final long NOW = 1_000_000L;

  @Test
  void durationsBecomeMillisecondDeadlines() {
    ExpiryCalculator touched = new ExpiryCalculator(new TouchedExpiryPolicy(new Duration(TimeUnit.MILLISECONDS, 1500)));
    assertEquals(NOW + 1500, touched.afterCreation(NOW));
    assertEquals(NOW + 1500, touched.afterUpdate(NOW));
    assertEquals(NOW + 1500, touched.afterAccess(NOW));
  }

  @Test
  void zeroMeansExpiredNowNeverEternal() {
    long deadline = new ExpiryCalculator(new CreatedExpiryPolicy(Duration.ZERO)).afterCreation(NOW);
    assertTrue(deadline != StoredEntry.ETERNAL && deadline <= NOW);
  }

  @Test
  void nullUpdateOrAccessLeavesTheDeadlineAlone() {
    ExpiryCalculator created = new ExpiryCalculator(new CreatedExpiryPolicy(Duration.ONE_MINUTE));
    assertEquals(ExpiryCalculator.UNCHANGED, created.afterUpdate(NOW));
    assertEquals(ExpiryCalculator.UNCHANGED, created.afterAccess(NOW));
  }

  @Test
  void onlyTheSpecsPoliciesThatIgnoreAccessNeedNotBeAskedOnAHit() {
    assertTrue(new ExpiryCalculator(new EternalExpiryPolicy()).accessKeepsDeadlines());
    assertTrue(new ExpiryCalculator(new CreatedExpiryPolicy(Duration.ONE_MINUTE)).accessKeepsDeadlines());
    assertTrue(new ExpiryCalculator(new ModifiedExpiryPolicy(Duration.ONE_MINUTE)).accessKeepsDeadlines());
    assertFalse(new ExpiryCalculator(new TouchedExpiryPolicy(Duration.ONE_MINUTE)).accessKeepsDeadlines());
    assertFalse(new ExpiryCalculator(new AccessedExpiryPolicy(Duration.ONE_MINUTE)).accessKeepsDeadlines());
    ExpiryPolicy usersOwn = new ExpiryPolicy() {
      @Override
      public Duration getExpiryForCreation() {
        return Duration.ETERNAL;
      }

      @Override
      public Duration getExpiryForAccess() {
        return null; // today: the spec still has it asked on every access
      }

      @Override
      public Duration getExpiryForUpdate() {
        return null;
      }
    };
    assertFalse(new ExpiryCalculator(usersOwn).accessKeepsDeadlines());
  }

  @Test
  void aThrowingPolicyIsEternalOnCreationAndUnchangedOtherwise() {
    ExpiryCalculator throwing = new ExpiryCalculator(new ExpiryPolicy() {
      @Override
      public Duration getExpiryForCreation() {
        throw new IllegalStateException();
      }

      @Override
      public Duration getExpiryForAccess() {
        throw new IllegalStateException();
      }

      @Override
      public Duration getExpiryForUpdate() {
        throw new IllegalStateException();
      }
    });
    assertEquals(StoredEntry.ETERNAL, throwing.afterCreation(NOW));
    assertEquals(ExpiryCalculator.UNCHANGED, throwing.afterUpdate(NOW));
    assertEquals(ExpiryCalculator.UNCHANGED, throwing.afterAccess(NOW));
  }

  @Test
  void blindWritesOnlyWhenCreationAndUpdateAgree() {
    assertTrue(new ExpiryCalculator(new EternalExpiryPolicy()).sameForCreationAndUpdate());
    assertTrue(new ExpiryCalculator(new ModifiedExpiryPolicy(Duration.ONE_MINUTE)).sameForCreationAndUpdate());
    assertFalse(new ExpiryCalculator(new ModifiedExpiryPolicy(Duration.ZERO)).sameForCreationAndUpdate());
    assertFalse(new ExpiryCalculator(new CreatedExpiryPolicy(Duration.ONE_MINUTE)).sameForCreationAndUpdate());
    assertFalse(new ExpiryCalculator(new AccessedExpiryPolicy(Duration.ONE_MINUTE)).sameForCreationAndUpdate());
  }
}
