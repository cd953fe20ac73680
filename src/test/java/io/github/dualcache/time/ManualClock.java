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

  @Override
  public String toString() {
    return "manual clock, " + Duration.ofNanos(elapsedNanos.get()) + " after its start";
  }
}
