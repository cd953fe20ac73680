package io.github.dualcache.faults;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * How long this JVM could not run at all: a thread that asks to sleep 1 ms and records how late it
 * wakes up (a GC pause, or other processes holding both cores of a shared build machine). A call
 * that took longer than its bound is only excused by a stall this meter saw at the same time, so
 * the margin a test allows is measured, never guessed.
 */
final class StallMeter implements AutoCloseable {
  private final Thread thread;
  private final AtomicLong maxLateNanos = new AtomicLong();
  private volatile boolean running = true;

  StallMeter() {
    thread = new Thread(this::run, "stall-meter");
    thread.setDaemon(true);
    thread.setPriority(Thread.MAX_PRIORITY);
    thread.start();
  }

  private void run() {
    long step = TimeUnit.MILLISECONDS.toNanos(1);
    while (running) {
      long before = System.nanoTime();
      LockSupport.parkNanos(step);
      long late = System.nanoTime() - before - step;
      maxLateNanos.accumulateAndGet(late, Math::max);
    }
  }

  /** The longest stall since the last call, in milliseconds; starts a new measure. */
  long takeMaxMillis() {
    return TimeUnit.NANOSECONDS.toMillis(maxLateNanos.getAndSet(0));
  }

  @Override
  public void close() {
    running = false;
  }
}
