package io.github.dualcache.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The workload results of one stage as a CSV file, the columns {@link ReportWriter} reads. */
final class WorkloadCsv {
  private static final List<String> HEADER = List.of("layer", "readsPerWrite", "boxes", "threadsPerBox", "keys", "zipf",
      "ttlMs", "valueBytes", "seconds", "reads", "writes", "readsPerSec", "p50us", "p99us", "p999us", "globalGets",
      "globalSets", "globalBytes", "getsPer1000", "setsPer1000", "bytesPer1000", "localHitPct", "maxStalenessMs",
      "staleReads", "nullReads", "failures");

  private WorkloadCsv() {
  }

  static void write(Path file, HotKeyWorkload.Options options, List<HotKeyWorkload.Result> results) {
    List<List<Object>> rows = new ArrayList<>();
    for (HotKeyWorkload.Result r : results) {
      HotKeyWorkload.Driven d = r.driven();
      double reads = Math.max(1, d.reads());
      rows.add(List.of(r.layer(), HotKeyWorkload.readsPerWrite(r.writeFraction()), options.boxes, options.threads,
          r.keys(), options.zipf, options.ttl.toMillis(), options.valueBytes, round(d.elapsedNanos() / 1e9), d.reads(),
          d.writes(), round(r.readsPerSecond()), round(d.readLatency().percentile(0.50) / 1e3),
          round(d.readLatency().percentile(0.99) / 1e3), round(d.readLatency().percentile(0.999) / 1e3), r.globalGets(),
          r.globalSets(), r.globalBytes(), round(1000 * r.globalGets() / reads), round(1000 * r.globalSets() / reads),
          r.globalBytes() < 0 ? "" : round(1000 * r.globalBytes() / reads),
          r.localHits() < 0 ? "" : round(100 * r.localHits() / reads), round(r.largestStalenessNanos() / 1e6),
          r.staleReads(), d.nullReads(), d.failures()));
    }
    BenchmarkSuite.writeCsv(file, HEADER, rows);
  }

  private static String round(double value) {
    return String.format(java.util.Locale.ROOT, "%.3f", value);
  }
}
