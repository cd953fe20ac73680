package io.github.dualcache.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The demo's staleness figure counts only what a read could not have been excused for. */
class StalenessTest {
  private final Staleness staleness = new Staleness();

  @Test
  void aCountReadAfterTheNextVoteWasAcknowledgedIsStaleByTheTimeSince() {
    staleness.acknowledged("act-1", 4, 1_000_000);
    assertEquals(5_000_000, staleness.staleNanos("act-1", 3, 6_000_000));
  }

  @Test
  void aReadThatBeganBeforeTheVoteReturnedRacedItAndIsNotStale() {
    staleness.acknowledged("act-1", 4, 1_000_000);
    assertEquals(0, staleness.staleNanos("act-1", 3, 999_999));
  }

  @Test
  void theLatestCountAndOtherActsAreNeverStale() {
    staleness.acknowledged("act-1", 4, 1_000_000);
    assertEquals(0, staleness.staleNanos("act-1", 4, 9_000_000));
    assertEquals(0, staleness.staleNanos("act-2", 3, 9_000_000));
  }

  @Test
  void staleByTheVoteThatFirstReplacedTheCountNotTheLatest() {
    staleness.acknowledged("act-1", 4, 1_000_000);
    staleness.acknowledged("act-1", 5, 4_000_000);
    assertEquals(5_000_000, staleness.staleNanos("act-1", 3, 6_000_000));
  }
}
