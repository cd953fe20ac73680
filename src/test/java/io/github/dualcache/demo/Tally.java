package io.github.dualcache.demo;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** What the audience has done in one run, added up by every request thread at once. */
final class Tally {
  private final LongAdder reads = new LongAdder();
  private final LongAdder votes = new LongAdder();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong stalestSinceTaken = new AtomicLong();

  void read(long staleNanos) {
    reads.increment();
    if (staleNanos > stalestSinceTaken.get()) {
      stalestSinceTaken.accumulateAndGet(staleNanos, Math::max);
    }
  }

  void vote() {
    votes.increment();
  }

  /** A request that failed, or a count read as missing: both are reported, neither should happen. */
  void error(String what) {
    if (errors.incrementAndGet() == 1) {
      System.err.println("first error: " + what);
    }
  }

  long reads() {
    return reads.sum();
  }

  long votes() {
    return votes.sum();
  }

  long errors() {
    return errors.get();
  }

  /** The stalest read since the last call, in nanoseconds. */
  long takeStalestNanos() {
    return stalestSinceTaken.getAndSet(0);
  }
}
