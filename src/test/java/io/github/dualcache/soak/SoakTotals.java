package io.github.dualcache.soak;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The soak's running totals and its closing summary. */
final class SoakTotals {
  private final List<RoundResult> rounds = new ArrayList<>();
  private List<String> startStats = List.of();
  private List<String> endStats = List.of();
  private double seconds;

  void started(List<String> stats) {
    startStats = stats;
  }

  void ended(List<String> stats, double seconds) {
    endStats = stats;
    this.seconds = seconds;
  }

  void add(RoundResult result) {
    rounds.add(result);
  }

  long lostUpdates() {
    return rounds.stream().mapToLong(RoundResult::lostUpdates).sum();
  }

  long countedTwice() {
    return rounds.stream().mapToLong(RoundResult::countedTwice).sum();
  }

  long violations() {
    return rounds.stream().mapToLong(round -> round.report().violations()).sum();
  }

  long unexpectedErrors() {
    return errors().entrySet().stream().filter(e -> e.getKey().startsWith("UNEXPECTED")).mapToLong(Map.Entry::getValue).sum();
  }

  boolean passed() {
    return lostUpdates() == 0 && countedTwice() == 0 && violations() == 0 && unexpectedErrors() == 0;
  }

  private Map<String, Long> errors() {
    Map<String, Long> errors = new HashMap<>();
    rounds.forEach(round -> round.errors().forEach((kind, count) -> errors.merge(kind, count, Long::sum)));
    return errors;
  }

  String summary() {
    long mixed = rounds.stream().mapToLong(RoundResult::mixedCalls).sum();
    long recorded = rounds.stream().mapToLong(round -> round.report().operations()).sum();
    long threw = rounds.stream().mapToLong(round -> round.report().unknownOutcomes()).sum();
    long acked = rounds.stream().mapToLong(RoundResult::incrementsAcked).sum();
    long failedIncrements = rounds.stream().mapToLong(RoundResult::incrementsFailed).sum();
    long histories = rounds.stream().mapToLong(round -> round.report().keys().size()).sum();
    long undecided = rounds.stream().mapToLong(round -> round.report().unknowns()).sum();
    long mixedErrors = rounds.stream().mapToLong(RoundResult::errorCount).sum();
    long uncounted = rounds.stream().filter(RoundResult::counterLost).count();
    StringBuilder text = new StringBuilder("==== dualcache soak summary ====\n");
    text.append(String.format("duration: %.1f min, %d rounds, 2 JVMs (jvm0 local heap, jvm1 local memcached; local TTL"
        + " %d ms, timeout %s), 3 global memcached + 1 local memcached%n", seconds / 60, rounds.size(),
        Soak.LOCAL_TTL_MILLIS, Soak.TIMEOUT));
    Map<SoakFault, Long> faults = new EnumMap<>(SoakFault.class);
    rounds.forEach(round -> faults.merge(round.fault(), 1L, Long::sum));
    text.append("faults injected (one per round, a third of the way in):\n");
    faults.forEach((fault, count) -> text.append(String.format("  %2d x %s%n", count, fault.description())));
    text.append(String.format("operations: %,d (mixed load of every JCache call: %,d; recorded for the"
        + " linearizability check: %,d; counted increments: %,d)%n", mixed + recorded + acked + failedIncrements,
        mixed, recorded, acked + failedIncrements));
    text.append(String.format("errors: %,d of the mixed load, %,d recorded calls that threw, %,d increments that threw;"
        + " mixed-load errors by kind:%n", mixedErrors, threw, failedIncrements));
    errors().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()))
        .limit(20).forEach(e -> text.append(String.format("  %,8d  %s%n", e.getValue(), e.getKey())));
    Map<String, Long> failedByCall = new java.util.TreeMap<>();
    rounds.forEach(round -> round.failedByCall().forEach((kind, count) -> failedByCall.merge(kind, count, Long::sum)));
    text.append("mixed-load failures by call: ").append(failedByCall).append('\n');
    text.append(String.format("unexpected errors (not CacheException): %d%n", unexpectedErrors()));
    text.append("(each round's line, above, has its own figures; the files are kept in the directory named at the start)\n");
    RoundResult stalest = rounds.stream().max(Comparator.comparingLong(RoundResult::staleNanos)).orElse(null);
    text.append(String.format("largest staleness (another JVM's read after a newer write was acknowledged): %d ms%s%n",
        stalest == null ? 0 : stalest.staleNanos() / 1_000_000,
        stalest == null ? "" : " (round " + stalest.round() + ", " + stalest.fault() + ")"));
    text.append(String.format("lost updates: %d (counters of %d rounds checked exactly; %d lived on a server"
        + " restarted empty, so not counted); increments counted twice: %d%n", lostUpdates(), rounds.size() - uncounted,
        uncounted, countedTwice()));
    text.append(String.format("linearizability: %,d operations in %d key histories, %,d threw (may have taken effect):"
        + " %d violations, %d undecided%n", recorded, histories, threw, violations(), undecided));
    for (int i = 0; i < startStats.size(); i++) {
      text.append(String.format("jvm%d: start %s, end %s%n", i, readable(startStats.get(i)),
          i < endStats.size() ? readable(endStats.get(i)) : "?"));
    }
    text.append(passed() ? "RESULT: PASS" : "RESULT: FAIL");
    return text.toString();
  }

  /** {@code heapBytes=N threads=M} as {@code heap N MB, M threads}. */
  private static String readable(String stats) {
    long heap = 0;
    String threads = "?";
    for (String part : stats.split(" ")) {
      if (part.startsWith("heapBytes=")) {
        heap = Long.parseLong(part.substring("heapBytes=".length()));
      } else if (part.startsWith("threads=")) {
        threads = part.substring("threads=".length());
      }
    }
    return String.format("heap %.1f MB, %s threads", heap / 1048576.0, threads);
  }
}
