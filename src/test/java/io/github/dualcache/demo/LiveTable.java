package io.github.dualcache.demo;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Prints one run's figures once a second while the audience watches, and adds them up. */
final class LiveTable {
  private static final String HEADER =
      "     s  app reads/s  local hits  global gets/s  per 1000 reads  votes/s  stalest read";

  private final List<Box> boxes;
  private final DemoServers servers;
  private final Tally tally;

  LiveTable(List<Box> boxes, DemoServers servers, Tally tally) {
    this.boxes = boxes;
    this.servers = servers;
    this.tally = tally;
  }

  /** What has happened so far: the counters every figure is a difference of. */
  private record Snapshot(long nanoTime, long reads, long votes, long localHits, long localFailures, long globalGets) {}

  private Snapshot snapshot() {
    long localHits = 0;
    long localFailures = 0;
    for (Box box : boxes) {
      localHits += box.localHits();
      localFailures += box.localFailures();
    }
    return new Snapshot(System.nanoTime(), tally.reads(), tally.votes(), localHits, localFailures, servers.globalGets());
  }

  /** Prints a row a second for {@code seconds} seconds and returns the whole run's figures. */
  RunResult print(String label, int seconds) throws InterruptedException {
    System.out.println(HEADER);
    tally.takeStalestNanos(); // the run starts now
    Snapshot first = snapshot();
    if (first.localFailures() > 0) {
      System.out.printf(Locale.ROOT, "       (local layer failures before the first row, in the warm-up: %d, each bypassing it"
          + " for 1 s)%n", first.localFailures());
    }
    Snapshot previous = first;
    long stalest = 0;
    for (int second = 1; second <= seconds; second++) {
      long wait = first.nanoTime() + TimeUnit.SECONDS.toNanos(second) - System.nanoTime();
      TimeUnit.NANOSECONDS.sleep(Math.max(0, wait));
      Snapshot now = snapshot();
      long stalestThisSecond = tally.takeStalestNanos();
      stalest = Math.max(stalest, stalestThisSecond);
      RunResult row = between(label, previous, now, stalestThisSecond);
      System.out.printf(Locale.ROOT, "%6d %12s %9.1f %% %14s %15.1f %8s %10d ms%s%n", second,
          count(row.readsPerSecond()), row.localHitPercent(), count(row.globalGetsPerSecond()),
          row.globalGetsPerThousandReads(), count(row.votesPerSecond()), row.stalestMillis(),
          row.localFailures() == 0 ? "" : "  (local layer failures: " + row.localFailures() + ", each bypassing it for 1 s)");
      previous = now;
    }
    RunResult run = between(label, first, previous, stalest);
    // the run's local failures since its boxes opened: the warm-up's too, which shape the first rows
    return new RunResult(label, run.nanos(), run.reads(), run.votes(), run.localHits(), previous.localFailures(),
        run.globalGets(), run.stalestNanos(), run.errors());
  }

  private RunResult between(String label, Snapshot from, Snapshot to, long stalestNanos) {
    return new RunResult(label, to.nanoTime() - from.nanoTime(), to.reads() - from.reads(),
        to.votes() - from.votes(), to.localHits() - from.localHits(), to.localFailures() - from.localFailures(),
        to.globalGets() - from.globalGets(), stalestNanos, tally.errors());
  }

  private static String count(double perSecond) {
    return String.format(Locale.ROOT, "%,.0f", perSecond);
  }
}
