package io.github.dualcache.demo;

/**
 * A run's figures over some interval: app reads and votes counted by the audience, local hits by
 * dualcache's layer statistics, global gets by the global memcached's own {@code stats}.
 */
record RunResult(String label, long nanos, long reads, long votes, long localHits, long localFailures, long globalGets,
    long stalestNanos, long errors) {

  double readsPerSecond() {
    return reads / seconds();
  }

  double votesPerSecond() {
    return votes / seconds();
  }

  double globalGetsPerSecond() {
    return globalGets / seconds();
  }

  double localHitPercent() {
    return reads == 0 ? 0 : 100.0 * localHits / reads;
  }

  /** The figure the local layer is for: how much of the read load still reaches the global servers. */
  double globalGetsPerThousandReads() {
    return reads == 0 ? 0 : 1000.0 * globalGets / reads;
  }

  long stalestMillis() {
    return stalestNanos / 1_000_000;
  }

  private double seconds() {
    return Math.max(nanos, 1) / 1e9;
  }
}
