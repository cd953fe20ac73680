package io.github.dualcache.demo;

import java.time.Duration;
import java.util.Locale;

/** Two lines before the figures: what a stale read is, seen on two boxes, one vote. */
final class Prologue {
  private Prologue() {}

  static void tell(Box voter, Box watcher, String act, Staleness staleness, Duration ttl) throws InterruptedException {
    long before = watcher.votes.get(act); // from the global memcached, and now a copy in the watcher's local layer
    long after = voter.votes.invoke(act, new Audience.Vote());
    long votedAt = System.nanoTime();
    staleness.acknowledged(act, after, votedAt);
    long voterReads = voter.votes.get(act);
    long watcherReads = watcher.votes.get(act);
    System.out.printf(Locale.ROOT, "%s votes for %s (%d -> %d) and reads %d: its own vote dropped its local copy%n",
        voter.name, act, before, after, voterReads);
    long deadline = votedAt + 3 * ttl.toNanos() + 2_000_000_000L;
    long seen = watcherReads;
    while (seen < after && System.nanoTime() - deadline < 0) {
      Thread.sleep(5);
      seen = watcher.votes.get(act);
    }
    long millis = (System.nanoTime() - votedAt) / 1_000_000;
    System.out.printf(Locale.ROOT, "%s reads %d right after (%s), and %d %d ms after the vote (local TTL %d ms)%n%n",
        watcher.name, watcherReads, watcherReads < after ? "its local copy, stale" : "its local copy was already gone",
        seen, millis, ttl.toMillis());
  }
}
