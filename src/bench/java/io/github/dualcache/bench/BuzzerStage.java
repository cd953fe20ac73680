package io.github.dualcache.bench;

import io.github.dualcache.testing.MemcachedServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * The seed's scenario: several boxes voting on a few hot keys, in each local-layer configuration,
 * against one global memcached on loopback ({@link HotKeyWorkload} does the measuring).
 */
final class BuzzerStage {
  private BuzzerStage() {
  }

  /** The workload every stage shares; stages change only what they are about. */
  static HotKeyWorkload.Options options(boolean quick) {
    return HotKeyWorkload.Options.parse(new String[] {
        "--layers", "none,memcached,heap", "--boxes", "4", "--threads", "1", "--keys", "100", "--zipf", "1.0",
        "--reads-per-write", "100,10", "--ttl", "1s", "--value-bytes", "100",
        "--duration", quick ? "3s" : "10s", "--warmup", quick ? "1s" : "2s"});
  }

  static void run(boolean quick, Path results, Properties run) throws InterruptedException {
    HotKeyWorkload.Options options = options(quick);
    try (MemcachedServer global = MemcachedServer.start("-m", "256")) {
      List<HotKeyWorkload.Result> measured = HotKeyWorkload.measureDualcache(options, global.address());
      WorkloadCsv.write(results.resolve("buzzer.csv"), options, measured);
    }
  }
}
