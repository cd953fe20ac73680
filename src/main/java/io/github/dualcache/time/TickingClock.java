package io.github.dualcache.time;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The system's {@link CoarseClock}: one daemon thread per JVM copies {@link
 * System#currentTimeMillis()} into a volatile field every millisecond, and readers read the field.
 *
 * <p>The thread runs only while someone holds the clock: the first {@link #acquire()} starts it,
 * the last handle's {@link CoarseClock#close()} stops it, so a JVM with no heap layer open runs no
 * thread, and an application server that undeploys us keeps none of our threads. Each start sets
 * the field before returning, so no reader ever sees a reading from before it acquired the clock.
 *
 * <p>The lag is one tick plus however long the scheduler keeps the thread waiting for a CPU: on a
 * machine starved of CPU, a few milliseconds. Copies judged by it may outlive their local TTL by
 * that much; nothing is served that the exact clock would call expired by more than the lag.
 */
final class TickingClock {
  static final String THREAD_NAME = "dualcache-clock";
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final Object LOCK = new Object();

  private static volatile long millis;
  /** Guarded by {@link #LOCK}. */
  private static int holders;
  /** The running thread, or null; a thread stops once it is no longer this one. Written under {@link #LOCK}. */
  private static volatile Thread ticker;

  private TickingClock() {}

  static CoarseClock acquire() {
    synchronized (LOCK) {
      if (holders++ == 0) {
        millis = System.currentTimeMillis();
        Thread thread = new Thread(TickingClock::tick, THREAD_NAME);
        thread.setDaemon(true);
        // the thread outlives no holder, but must not pin the class loader of whoever started it
        thread.setContextClassLoader(null);
        ticker = thread;
        thread.start();
      }
    }
    return new Handle();
  }

  private static void release() {
    synchronized (LOCK) {
      if (--holders == 0) {
        Thread thread = ticker;
        ticker = null;
        LockSupport.unpark(thread);
      }
    }
  }

  private static void tick() {
    Thread self = Thread.currentThread();
    while (ticker == self) {
      millis = System.currentTimeMillis();
      LockSupport.parkNanos(TICK_NANOS);
    }
  }

  private static final class Handle implements CoarseClock {
    private final AtomicBoolean closed = new AtomicBoolean();

    @Override
    public long wallMillis() {
      return millis;
    }

    @Override
    public void close() {
      if (closed.compareAndSet(false, true)) {
        release();
      }
    }

    @Override
    public String toString() {
      return "system clock, read every millisecond by " + THREAD_NAME;
    }
  }
}
