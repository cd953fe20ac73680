package io.github.dualcache.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The whole benchmark suite, one command from the repository root (memcached on the PATH or in
 * {@code MEMCACHED_BIN}; root for the bandwidth-capped stage):
 *
 * <pre>mvn -q -Pbench test-compile exec:exec@benchmarks                      (about 15 minutes on 2 cores)
 * mvn -q -Pbench test-compile exec:exec@benchmarks -Dbenchmarks.args=--quick   (3-5 minutes)</pre>
 *
 * <p>Raw results go to {@code target/benchmarks/}; then {@link ReportWriter} turns them into
 * {@code docs/benchmarks.md} and the charts in {@code docs/benchmarks/}. Other options:
 * {@code --stages jmh,buzzer,bandwidth,hazelcast} (a subset), {@code --report-only} (regenerate the
 * report from the raw results already there).
 */
public final class BenchmarkSuite {
  static final Path RESULTS = Path.of("target", "benchmarks");
  static final Path DOCS = Path.of("docs");
  static final List<String> ALL_STAGES = List.of("jmh", "buzzer", "bandwidth", "hazelcast");

  private final boolean quick;
  private final Properties run = new Properties();

  private BenchmarkSuite(boolean quick) {
    this.quick = quick;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    boolean quick = false;
    boolean reportOnly = false;
    List<String> stages = ALL_STAGES;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "" -> { }
        case "--quick" -> quick = true;
        case "--report-only" -> reportOnly = true;
        case "--stages" -> stages = List.of(args[++i].split(","));
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; options: --quick, --stages " + String.join(",", ALL_STAGES) + ", --report-only");
      }
    }
    if (!reportOnly) {
      new BenchmarkSuite(quick).runStages(stages);
    }
    ReportWriter.write(RESULTS, DOCS);
    System.out.println("report written to " + DOCS.resolve("benchmarks.md"));
  }

  private void runStages(List<String> stages) throws Exception {
    // the report shows one run: nothing left from an earlier one may slip into it
    if (Files.isDirectory(RESULTS)) {
      try (var old = Files.list(RESULTS)) {
        for (Path file : old.filter(Files::isRegularFile).toList()) {
          Files.delete(file);
        }
      }
    }
    Files.createDirectories(RESULTS);
    Instant started = Instant.now();
    run.setProperty("mode", quick ? "quick" : "full");
    run.setProperty("started", started.toString());
    run.setProperty("command", "mvn -q -Pbench test-compile exec:exec@benchmarks" + (quick ? " -Dbenchmarks.args=--quick" : ""));
    run.setProperty("stages", String.join(",", stages));
    MachineInfo.describe().forEach(run::setProperty);
    for (String stage : stages) {
      Instant stageStart = Instant.now();
      System.out.printf(Locale.ROOT, "%n=== stage %s (%s) ===%n", stage, quick ? "quick" : "full");
      try {
        switch (stage) {
          case "jmh" -> runJmh();
          case "buzzer" -> BuzzerStage.run(quick, RESULTS, run);
          case "bandwidth" -> BandwidthStage.run(quick, RESULTS, run);
          case "hazelcast" -> HazelcastStage.run(quick, RESULTS, run);
          default -> throw new IllegalArgumentException("unknown stage " + stage);
        }
      } catch (Exception | Error e) {
        // one stage failing must not lose the others: the report says what failed
        e.printStackTrace();
        run.setProperty("failed." + stage, String.valueOf(e));
      }
      run.setProperty("seconds." + stage, String.valueOf(Duration.between(stageStart, Instant.now()).toSeconds()));
    }
    run.setProperty("finished", Instant.now().toString());
    run.setProperty("seconds.total", String.valueOf(Duration.between(started, Instant.now()).toSeconds()));
    try (var out = Files.newBufferedWriter(RESULTS.resolve("run.properties"))) {
      run.store(out, "dualcache benchmark run");
    }
  }

  /** Every operation and its baselines. */
  private static final List<String> ALL_OPERATIONS = List.of("heapHit_dualcache", "heapHit_caffeine", "heapHit_ri",
      "localHit_dualcache", "globalGet_dualcache", "get_spymemcached", "get_socket", "put_dualcache", "set_spymemcached",
      "invoke_dualcache", "getsCas_spymemcached");
  /** How many times the heap hit by kind of value is measured, alternating dualcache and Caffeine. */
  private static final int HEAP_HIT_ROUNDS = 4;
  /** The hits and the gets they are compared with: what a quick run measures with more threads. */
  private static final List<String> HITS = List.of("heapHit_dualcache", "heapHit_caffeine", "localHit_dualcache",
      "get_spymemcached");

  /**
   * Every operation and baseline at 100 B, 1 KB and 10 KB, with 1, 4 and 16 threads (the machine
   * has few cores: 16 threads measure contention, not parallelism). One thread gets 3 forks, the
   * others 1: each fork costs seconds of start-up, and the whole suite must stay within 30 minutes
   * on a 2-core machine. A quick run measures every operation at 1 KB and the hits with 4 threads.
   */
  private void runJmh() throws RunnerException {
    if (quick) {
      jmh("jmh-1k.json", operations(1, ALL_OPERATIONS).param("valueBytes", "1024"));
      jmh("jmh-threads-4.json", operations(4, HITS).param("valueBytes", "1024"));
    } else {
      jmh("jmh-threads-1.json", operations(1, ALL_OPERATIONS).param("valueBytes", "100", "1024", "10240").forks(3));
      for (int threads : new int[] {4, 16}) {
        jmh("jmh-threads-" + threads + ".json", operations(threads, ALL_OPERATIONS)
            .param("valueBytes", "100", "1024", "10240").forks(1));
      }
      // A heap hit by kind of value: immutable ones may be shared, mutable ones must be copied. The
      // two caches are a few percent apart, so they alternate (one fork each, which goes first
      // alternating too) and HeapHitRounds compares each round's pair.
      for (int round = 1; round <= HEAP_HIT_ROUNDS; round++) {
        for (String provider : round % 2 == 1 ? List.of("dualcache", "caffeine") : List.of("caffeine", "dualcache")) {
          jmh("jmh-value-types-" + round + "-" + provider + ".json", options(1)
              .include(HeapHitBenchmark.class.getName().replace(".", "\\.") + "\\.").param("provider", provider).forks(1));
        }
      }
    }
    run.setProperty("jmh.forks", quick ? "1 fork" : "3 forks with 1 thread, 1 fork with 4 and 16 threads"
        + ", and the heap hit by kind of value in " + HEAP_HIT_ROUNDS + " rounds alternating the two caches, 1 fork each");
    run.setProperty("jmh.iterations", quick ? "1 x 0.3 s warm-up, 2 x 0.3 s measured per fork"
        : "2 x 0.5 s warm-up, 4 x 0.5 s measured per fork");
  }

  private ChainedOptionsBuilder operations(int threads, List<String> methods) {
    return options(threads).include(OperationCostBenchmark.class.getName().replace(".", "\\.")
        + "\\.(" + String.join("|", methods) + ")$");
  }

  private int forks() {
    return quick ? 1 : 3;
  }

  private void jmh(String file, ChainedOptionsBuilder options) throws RunnerException {
    options.result(RESULTS.resolve(file).toString()).resultFormat(ResultFormatType.JSON);
    new Runner(options.build()).run();
  }

  private ChainedOptionsBuilder options(int threads) {
    TimeValue iteration = quick ? TimeValue.milliseconds(300) : TimeValue.milliseconds(500);
    return new OptionsBuilder()
        .forks(forks())
        .warmupIterations(quick ? 1 : 2)
        .warmupTime(iteration)
        .measurementIterations(quick ? 2 : 4)
        .measurementTime(iteration)
        .threads(threads)
        .jvmArgsAppend("-Xmx256m")
        // one benchmark failing (a timeout on a loaded machine) must not lose the others' results:
        // the report shows what is missing
        .shouldFailOnError(false);
  }

  static void writeCsv(Path file, List<String> header, List<List<Object>> rows) {
    StringBuilder text = new StringBuilder(String.join(",", header)).append('\n');
    for (List<Object> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        text.append(i == 0 ? "" : ",").append(row.get(i));
      }
      text.append('\n');
    }
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
