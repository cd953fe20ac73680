package io.github.dualcache.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The benchmarks' staleness figure: only a read that began after a newer put returned is stale. */
class StalenessTrackerTest {

  @Test
  void aReadOfAnOlderVersionAfterTheNewerPutReturnedIsStaleByTheTimeSince() {
    StalenessTracker tracker = new StalenessTracker(1);
    long version = tracker.nextVersion(0);
    tracker.written(0, version, 1_000);
    tracker.read(0, 0, tracker.latestWritten(0), 251_000);
    assertEquals(250_000, tracker.largestNanos());
    assertEquals(1, tracker.staleReads());
  }

  @Test
  void aReadThatBeganBeforeThePutReturnedIsNotStale() {
    StalenessTracker tracker = new StalenessTracker(1);
    long latestAtStart = tracker.latestWritten(0);
    long version = tracker.nextVersion(0);
    tracker.written(0, version, 1_000);
    tracker.read(0, 0, latestAtStart, 2_000);
    assertEquals(0, tracker.staleReads());
  }

  @Test
  void twoWritersRacingLeaveTheLastReturnedPutCurrentNotStale() {
    StalenessTracker tracker = new StalenessTracker(1);
    long first = tracker.nextVersion(0);
    long second = tracker.nextVersion(0);
    tracker.written(0, second, 1_000);
    tracker.written(0, first, 2_000); // memcached holds the put that returned last
    tracker.read(0, first, tracker.latestWritten(0), 9_000);
    assertEquals(0, tracker.staleReads());
  }

  @Test
  void versionsRoundTripThroughTheValueAtTheRequestedSize() {
    String value = StalenessTracker.encode(42, 100);
    assertEquals(100, value.length());
    assertEquals(42, StalenessTracker.decode(value));
  }
}
