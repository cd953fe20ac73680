package io.github.dualcache.demo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How stale a vote count a box served was, measured from the votes themselves. Every vote is an
 * {@code invoke} that returns the count it committed (counts go 0, 1, 2, ... per act), and is
 * recorded here with the time its {@code invoke} returned. A read that began at time t and returned
 * count c was stale if the vote that made c + 1 had already been acknowledged at t: by t minus that
 * acknowledgement. A read that began before it is not stale (it raced the vote).
 *
 * <p>Honest in one direction: the acknowledgement time is taken just after {@code invoke} returned,
 * so a figure is never larger than the truth, only sometimes a little smaller.
 */
final class Staleness {
  private final Map<String, Map<Long, Long>> acknowledgedAt = new ConcurrentHashMap<>();

  /** Records that the vote which made {@code act}'s count {@code count} returned at {@code nanoTime}. */
  void acknowledged(String act, long count, long nanoTime) {
    acknowledgedAt.computeIfAbsent(act, a -> new ConcurrentHashMap<>()).put(count, nanoTime);
  }

  /** How long before {@code askedAt} (a nanoTime) the count {@code seen} was replaced; 0 if it was not. */
  long staleNanos(String act, long seen, long askedAt) {
    Map<Long, Long> votes = acknowledgedAt.get(act);
    Long replacedAt = votes == null ? null : votes.get(seen + 1);
    return replacedAt != null && replacedAt - askedAt < 0 ? askedAt - replacedAt : 0;
  }
}
