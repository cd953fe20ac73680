package io.github.dualcache.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The JMH JSON files of one suite run, as rows: benchmark method, threads, value size, score ± error. */
final class JmhResults {
  /** A round's number in a result file's name: {@code jmh-value-types-3-caffeine.json} is round 3. */
  private static final Pattern ROUND = Pattern.compile("jmh-.*?-(\\d+)-[a-z]+\\.json");

  /**
   * One JMH result: {@code score ± error} nanoseconds per operation (per thread).
   *
   * @param round which of several runs of the same benchmark, alternating what they compare, the
   *     result comes from; 0 for a benchmark run once
   */
  record Row(String benchmark, String method, int threads, int valueBytes, Map<String, String> params, double score,
      double error, String unit, int forks, int round) {
    /** Operations per second over all threads. */
    double throughput() {
      return threads * 1e9 / score;
    }

    double throughputError() {
      return throughput() * (error / score);
    }
  }

  private final List<Row> rows;

  private JmhResults(List<Row> rows) {
    this.rows = rows;
  }

  static JmhResults read(Path directory) {
    List<Row> rows = new ArrayList<>();
    if (Files.isDirectory(directory)) {
      try (Stream<Path> files = Files.list(directory)) {
        for (Path file : files.filter(f -> f.getFileName().toString().matches("jmh-.*\\.json")).sorted().toList()) {
          for (JsonNode result : new ObjectMapper().readTree(file.toFile())) {
            String benchmark = result.get("benchmark").asText();
            JsonNode metric = result.get("primaryMetric");
            Map<String, String> params = new LinkedHashMap<>();
            result.path("params").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
            String[] parts = benchmark.split("\\.");
            rows.add(new Row(parts[parts.length - 2], parts[parts.length - 1], result.get("threads").asInt(),
                result.path("params").path("valueBytes").asInt(), params, number(metric.get("score")),
                number(metric.get("scoreError")), metric.get("scoreUnit").asText(), result.get("forks").asInt(),
                round(file)));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new JmhResults(rows);
  }

  private static int round(Path file) {
    Matcher matcher = ROUND.matcher(file.getFileName().toString());
    return matcher.matches() ? Integer.parseInt(matcher.group(1)) : 0;
  }

  private static double number(JsonNode node) {
    double value = node.isNumber() ? node.asDouble() : Double.parseDouble(node.asText());
    return Double.isNaN(value) ? 0 : value;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  Optional<Row> find(String method, int threads, int valueBytes) {
    return rows().stream()
        .filter(r -> r.method().equals(method) && r.threads() == threads && r.valueBytes() == valueBytes)
        .findFirst();
  }

  List<Integer> valueSizes() {
    return rows().stream().filter(r -> r.threads() == 1).map(Row::valueBytes).distinct().sorted().toList();
  }

  List<Integer> threadCounts() {
    return rows().stream().map(Row::threads).distinct().sorted().toList();
  }

  /** The rows of {@link OperationCostBenchmark}. */
  List<Row> rows() {
    return rows.stream().filter(r -> r.benchmark().equals("OperationCostBenchmark")).toList();
  }

  /** The rows of another benchmark class, e.g. {@code HeapHitBenchmark}. */
  List<Row> rowsOf(String benchmark) {
    return rows.stream().filter(r -> r.benchmark().equals(benchmark)).toList();
  }
}
