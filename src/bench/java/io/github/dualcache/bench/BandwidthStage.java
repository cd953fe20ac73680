package io.github.dualcache.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The global memcached behind a slow link: app read throughput with a local layer against
 * global-only, with 10 KB values, when the global is in a rate-limited network namespace. With 10
 * hot keys the boxes' refreshes (boxes x keys per local TTL) fit in the link; with 100 they do not,
 * and the local layers are held back by the link too
 * ({@link CappedNamespace}). Without the rights to create one, it records why and measures nothing.
 */
final class BandwidthStage {
  static final String RATE = "20mbit";

  private BandwidthStage() {
  }

  static void run(boolean quick, Path results, Properties run) throws Exception {
    HotKeyWorkload.Options options = HotKeyWorkload.Options.parse(new String[] {
        "--layers", "none,memcached,heap", "--boxes", "4", "--threads", "1", "--keys", "10,100", "--zipf", "1.0",
        "--reads-per-write", "100", "--ttl", "1s", "--value-bytes", "10240",
        "--duration", quick ? "4s" : "10s", "--warmup", quick ? "1s" : "2s"});
    CappedNamespace namespace;
    try {
      namespace = CappedNamespace.create(RATE);
    } catch (CappedNamespace.Unavailable e) {
      run.setProperty("bandwidth.unavailable", e.getMessage());
      System.out.println("bandwidth-capped stage skipped: " + e.getMessage());
      return;
    }
    try (namespace) {
      run.setProperty("bandwidth.rate", RATE.replace("mbit", " Mbit/s"));
      run.setProperty("bandwidth.setup", namespace.describe());
      String global = namespace.startMemcached("-m", "256");
      List<HotKeyWorkload.Result> measured = HotKeyWorkload.measureDualcache(options, global);
      WorkloadCsv.write(results.resolve("bandwidth.csv"), options, measured);
    }
  }
}
