package io.github.dualcache.time;

/**
 * A wall clock that costs a field read, at the price of lagging the system clock a little: for
 * the one time a heap hit needs, whether its copy's local TTL has passed. Reading the system clock
 * takes 20 to 60 ns on common virtual machines, more than the rest of a heap hit; a copy's local
 * TTL is a staleness bound of about a second, which a millisecond of lag does not change.
 *
 * <p>Close it when nothing reads it any more: the system's coarse clock runs a thread while it is
 * held (see {@link TimeSource#coarseClock()}).
 */
public interface CoarseClock extends AutoCloseable {

  /**
   * Epoch milliseconds, never ahead of {@link TimeSource#wallMillis()} and normally less than two
   * milliseconds behind it.
   */
  long wallMillis();

  /** Stops holding the clock; idempotent. */
  @Override
  default void close() {}
}
