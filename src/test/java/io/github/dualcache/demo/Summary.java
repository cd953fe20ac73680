package io.github.dualcache.demo;

import java.util.Locale;

/** The two runs side by side, and what the local layer bought and cost. */
final class Summary {
  private Summary() {}

  static void print(RunResult twoLevel, RunResult globalOnly, DemoOptions options) {
    System.out.printf(Locale.ROOT, "summary, %d s each:%n", options.seconds);
    System.out.printf(Locale.ROOT, "%-12s %12s %11s %14s %15s %13s%n", "", "app reads/s", "local hits",
        "global gets/s", "per 1000 reads", "stalest read");
    for (RunResult run : new RunResult[] {twoLevel, globalOnly}) {
      System.out.printf(Locale.ROOT, "%-12s %,12.0f %9.1f %% %,14.0f %15.1f %10d ms%n", run.label(),
          run.readsPerSecond(), run.localHitPercent(), run.globalGetsPerSecond(), run.globalGetsPerThousandReads(),
          run.stalestMillis());
    }
    System.out.printf(Locale.ROOT, "the local layer left the global memcached %s of the gets per app read, at %.2fx the app reads/s%n",
        fraction(twoLevel.globalGetsPerThousandReads() / globalOnly.globalGetsPerThousandReads()),
        twoLevel.readsPerSecond() / globalOnly.readsPerSecond());
    System.out.printf(Locale.ROOT, "and served counts up to %d ms after a vote had replaced them (local TTL %d ms; global only: %d ms)%n",
        twoLevel.stalestMillis(), options.ttl.toMillis(), globalOnly.stalestMillis());
    if (twoLevel.localFailures() > 0) {
      System.out.printf(Locale.ROOT, "the local layer failed %d times, warm-up included (a local memcached call over 100 ms:"
          + " an overloaded machine?); each time the box read from the global memcached and bypassed its local layer for 1 s%n",
          twoLevel.localFailures());
    }
    long errors = twoLevel.errors() + globalOnly.errors();
    if (errors > 0) {
      System.out.printf(Locale.ROOT, "%d requests failed or read a count as missing (the first is on stderr)%n", errors);
    }
  }

  private static String fraction(double ratio) {
    return ratio > 0 && ratio < 0.5 ? String.format(Locale.ROOT, "1/%.0f", 1 / ratio) : String.format(Locale.ROOT, "%.2fx", ratio);
  }
}
