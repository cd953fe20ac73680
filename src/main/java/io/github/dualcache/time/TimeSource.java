package io.github.dualcache.time;

/**
 * Where dualcache reads the time: one source per CacheManager, handed to every layer it builds, so
 * a test can drive time instead of sleeping. Internal: users never choose it, the manager's public
 * constructor uses {@link #SYSTEM}, and only a package-private constructor takes another one.
 *
 * <p>Three readings, because they answer different questions:
 * <ul>
 *   <li>{@link #wallMillis()}, epoch milliseconds, for times other JVMs must read the same way:
 *       JCache expiry deadlines stored in envelopes (any JVM may read them), the deadlines and
 *       tombstones of copies in a local memcached (shared by every JVM on the box), the heap
 *       layer's copies (their deadline is the entry's, so they share its clock) and the memcached
 *       TTLs derived from deadlines;
 *   <li>{@link #coarseClock()}, the wall clock read by a thread every millisecond, for the one
 *       reading on a heap hit's path: whether the copy's local TTL has passed;
 *   <li>{@link #nanoTime()}, monotonic, for durations only this JVM measures: how long a
 *       generation token may be used, the backoffs (circuit breaker, generation re-read, local
 *       memcached bypass, item size re-read) and the JCache statistics' average times.
 * </ul>
 *
 * <p>What stays on {@link System#nanoTime()} whatever the source: the deadlines of memcached
 * calls and of the key crawler's socket, and the wait for connections at start-up. They bound
 * real waits on sockets and futures, which a driven clock cannot shorten or lengthen.
 */
public interface TimeSource {

  /** The system clocks: {@link System#currentTimeMillis()} and {@link System#nanoTime()}. */
  TimeSource SYSTEM = new TimeSource() {
    @Override
    public long wallMillis() {
      return System.currentTimeMillis();
    }

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public CoarseClock coarseClock() {
      return TickingClock.acquire();
    }

    @Override
    public String toString() {
      return "system clock";
    }
  };

  /** Wall-clock time in epoch milliseconds, comparable across JVMs. */
  long wallMillis();

  /** A monotonic reading in nanoseconds, meaningful only as a difference with another. */
  long nanoTime();

  /**
   * {@link #wallMillis()} at the cost of a field read, lagging it by up to about a millisecond:
   * what a heap hit judges its copy's local TTL by. The system's runs a thread until every holder
   * has closed it; by default it is this source's own exact reading.
   */
  default CoarseClock coarseClock() {
    return this::wallMillis;
  }
}
