package io.github.dualcache.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link TimeSource} that moves only when a test says so, for both readings at once. It starts
 * at the real wall time, so the memcached TTLs derived from deadlines stay what they would be.
 *
 * <p>Each {@link #nanoTime()} reading also moves it by one nanosecond: on a real machine two
 * readings are never equal, and the code relies on it (a generation token read later replaces
 * one read earlier, so a JVM's own {@code clear()} must read a later time than the read before it).
 */
public final class ManualClock implements TimeSource {
  private final long startWallMillis = System.currentTimeMillis();
  private final long startNanos = System.nanoTime();
  private final AtomicLong elapsedNanos = new AtomicLong();
  /** Where {@link #coarseClock()} stopped, or -1 while it follows {@link #wallMillis()}. */
  private final AtomicLong frozenCoarseMillis = new AtomicLong(-1);

  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("a monotonic clock never goes back: " + duration);
    }
    elapsedNanos.addAndGet(duration.toNanos());
  }

  public void advanceMillis(long millis) {
    advance(Duration.ofMillis(millis));
  }

  @Override
  public long wallMillis() {
    return startWallMillis + elapsedNanos.get() / 1_000_000;
  }

  @Override
  public long nanoTime() {
    return startNanos + elapsedNanos.getAndIncrement();
  }

  /** Its coarse clock is exact unless {@link #freezeCoarseClock() frozen}: the system's lags a little. */
  @Override
  public CoarseClock coarseClock() {
    return () -> {
      long frozen = frozenCoarseMillis.get();
      return frozen < 0 ? wallMillis() : frozen;
    };
  }

  /**
   * Stops the coarse clock where it is while the exact one moves on: what a lagging coarse clock
   * looks like, to show which decisions read which clock.
   */
  public void freezeCoarseClock() {
    frozenCoarseMillis.set(wallMillis());
  }

  public void thawCoarseClock() {
    frozenCoarseMillis.set(-1);
  }

  @Override
  public String toString() {
    return "manual clock, " + Duration.ofNanos(elapsedNanos.get()) + " after its start";
  }
}
