package io.github.dualcache.expiry;

import io.github.dualcache.tier.StoredEntry;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/**
 * Turns a cache's {@link ExpiryPolicy} into deadlines in epoch milliseconds, with the spec's rules:
 * {@code Duration.ZERO} means "expired now", a null update or access duration leaves the deadline
 * as it was, and a policy that throws is treated as eternal for creation and "unchanged" otherwise
 * (as the reference implementation does; the spec leaves it open). The first such failure of a
 * cache is logged: a policy that always throws would otherwise make entries eternal unseen.
 */
public final class ExpiryCalculator {
  /** Returned by {@link #afterUpdate} and {@link #afterAccess} to leave the deadline unchanged. */
  public static final long UNCHANGED = -1;

  private static final Logger LOGGER = System.getLogger(ExpiryCalculator.class.getName());

  private final ExpiryPolicy policy;
  private final boolean accessKeepsDeadlines;
  private final AtomicBoolean reported = new AtomicBoolean();

  public ExpiryCalculator(ExpiryPolicy policy) {
    this.policy = policy;
    // these final classes of the spec answer null for every access, so not asking them is unobservable;
    // any other policy, a user's above all, is asked on every access as the spec requires
    Class<?> type = policy.getClass();
    this.accessKeepsDeadlines = type == EternalExpiryPolicy.class || type == CreatedExpiryPolicy.class
        || type == ModifiedExpiryPolicy.class;
  }

  /** True when {@link #afterAccess} returns {@link #UNCHANGED} without asking the policy. */
  public boolean accessKeepsDeadlines() {
    return accessKeepsDeadlines;
  }

  public ExpiryPolicy policy() {
    return policy;
  }

  public long afterCreation(long nowMillis) {
    Duration duration;
    try {
      duration = policy.getExpiryForCreation();
    } catch (RuntimeException e) {
      failed("getExpiryForCreation", "eternal", e);
      duration = Duration.ETERNAL;
    }
    return deadline(duration == null ? Duration.ETERNAL : duration, nowMillis);
  }

  /** @return the new deadline, or {@link #UNCHANGED} */
  public long afterUpdate(long nowMillis) {
    try {
      Duration duration = policy.getExpiryForUpdate();
      return duration == null ? UNCHANGED : deadline(duration, nowMillis);
    } catch (RuntimeException e) {
      failed("getExpiryForUpdate", "unchanged", e);
      return UNCHANGED;
    }
  }

  /** @return the new deadline, or {@link #UNCHANGED} */
  public long afterAccess(long nowMillis) {
    if (accessKeepsDeadlines) {
      return UNCHANGED;
    }
    try {
      Duration duration = policy.getExpiryForAccess();
      return duration == null ? UNCHANGED : deadline(duration, nowMillis);
    } catch (RuntimeException e) {
      failed("getExpiryForAccess", "unchanged", e);
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

  private void failed(String method, String fallback, RuntimeException e) {
    if (reported.compareAndSet(false, true)) {
      LOGGER.log(Level.WARNING, "Expiry policy " + policy.getClass().getName() + "." + method + " threw; the deadline"
          + " is taken as " + fallback + " (further failures of this policy are not logged)", e);
    }
  }

  private static long deadline(Duration duration, long nowMillis) {
    if (duration.isEternal()) {
      return StoredEntry.ETERNAL;
    }
    long millis = duration.getTimeUnit().toMillis(duration.getDurationAmount());
    return Math.max(1, nowMillis + millis);
  }
}
