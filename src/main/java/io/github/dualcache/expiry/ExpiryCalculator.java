package io.github.dualcache.expiry;

import io.github.dualcache.tier.StoredEntry;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * Turns a cache's {@link ExpiryPolicy} into deadlines in epoch milliseconds, with the spec's rules:
 * {@code Duration.ZERO} means "expired now", a null update or access duration leaves the deadline
 * as it was, and a policy that throws is treated as eternal for creation and "unchanged" otherwise.
 */
public final class ExpiryCalculator {
  /** Returned by {@link #afterUpdate} and {@link #afterAccess} to leave the deadline unchanged. */
  public static final long UNCHANGED = -1;

  private final ExpiryPolicy policy;

  public ExpiryCalculator(ExpiryPolicy policy) {
    this.policy = policy;
  }

  public ExpiryPolicy policy() {
    return policy;
  }

  public long afterCreation(long nowMillis) {
    Duration duration;
    try {
      duration = policy.getExpiryForCreation();
    } catch (Throwable t) {
      duration = Duration.ETERNAL;
    }
    return deadline(duration == null ? Duration.ETERNAL : duration, nowMillis);
  }

  /** @return the new deadline, or {@link #UNCHANGED} */
  public long afterUpdate(long nowMillis) {
    try {
      Duration duration = policy.getExpiryForUpdate();
      return duration == null ? UNCHANGED : deadline(duration, nowMillis);
    } catch (Throwable t) {
      return UNCHANGED;
    }
  }

  /** @return the new deadline, or {@link #UNCHANGED} */
  public long afterAccess(long nowMillis) {
    try {
      Duration duration = policy.getExpiryForAccess();
      return duration == null ? UNCHANGED : deadline(duration, nowMillis);
    } catch (Throwable t) {
      return UNCHANGED;
    }
  }

  /**
   * True when a write's deadline does not depend on whether the entry existed, so a put can be a
   * blind {@code set}: the policy is one of the spec's own whose creation and update durations are
   * the same and not zero.
   */
  public boolean sameForCreationAndUpdate() {
    Class<?> type = policy.getClass();
    if (type == EternalExpiryPolicy.class) {
      return true;
    }
    if (type == ModifiedExpiryPolicy.class || type == TouchedExpiryPolicy.class) {
      return !policy.getExpiryForCreation().isZero();
    }
    return false;
  }

  private static long deadline(Duration duration, long nowMillis) {
    if (duration.isEternal()) {
      return StoredEntry.ETERNAL;
    }
    long millis = duration.getTimeUnit().toMillis(duration.getDurationAmount());
    return Math.max(1, nowMillis + millis);
  }
}
