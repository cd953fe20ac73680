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
 * <pre>mvn -q -Pbench test-compile exec:exec@benchmarks                      (10-15 minutes on 2 cores)
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
  /** The hits and the gets they are compared with: what the value size and the thread count change. */
  private static final List<String> HITS = List.of("heapHit_dualcache", "heapHit_caffeine", "localHit_dualcache",
      "get_spymemcached");

  /**
   * Every operation at 1 KB with one thread; the hits also at 100 B and 10 KB, and with more
   * threads (the machine has few cores: 16 threads measure contention, not parallelism). Each JMH
   * fork costs seconds of start-up on a loaded 2-core machine, hence this matrix rather than all of
   * operations x sizes x threads.
   */
  private void runJmh() throws RunnerException {
    jmh("jmh-1k.json", operations(1, ALL_OPERATIONS).param("valueBytes", "1024").forks(forks()));
    if (!quick) {
      jmh("jmh-sizes.json", operations(1, HITS).param("valueBytes", "100", "10240").forks(1));
    }
    for (int threads : quick ? new int[] {4} : new int[] {4, 16}) {
      jmh("jmh-threads-" + threads + ".json", operations(threads, HITS).param("valueBytes", "1024").forks(1));
    }
    if (!quick) {
      // a heap hit by kind of value: immutable ones may be shared, mutable ones must be copied
      jmh("jmh-value-types.json", options(1).include(HeapHitBenchmark.class.getName().replace(".", "\\.") + "\\.")
          .forks(2));
    }
    run.setProperty("jmh.forks", forks() + " fork(s) at 1 KB with 1 thread, 1 fork for the other sizes and thread counts"
        + (quick ? "" : ", 2 for the heap hit by kind of value"));
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
