package io.github.dualcache.soak;

import io.github.dualcache.linearizability.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What one round of the soak did and what its checks found. */
record RoundResult(int round, SoakFault fault, int target, long mixedCalls, Map<String, Long> failedByCall,
    Map<String, Long> errors,
    Report report, long incrementsAcked, long incrementsFailed, long counter, boolean counterLost,
    boolean generationLost, long staleNanos) {

  static RoundResult of(int round, SoakFault fault, int target, boolean counterLost, boolean generationLost,
      String counter, Report report, long staleNanos, Path dir) throws IOException {
    long calls = 0;
    Map<String, Long> failedByCall = new TreeMap<>();
    Map<String, Long> errors = new TreeMap<>();
    long acked = 0;
    long failed = 0;
    for (String jvm : List.of("jvm0", "jvm1")) {
      for (String line : Files.readAllLines(dir.resolve("mixed-" + jvm + ".txt"))) {
        String[] words = line.split(" ", 3);
        if (words[0].equals("call")) {
          calls += Long.parseLong(words[2]);
        } else if (words[0].equals("failed")) {
          failedByCall.merge(words[1], Long.parseLong(words[2]), Long::sum);
        } else {
          errors.merge(words[2], Long.parseLong(words[1]), Long::sum);
        }
      }
      String increments = Files.readAllLines(dir.resolve("increments-" + jvm + ".txt")).get(0);
      acked += field(increments, "increments");
      failed += field(increments, "failed");
    }
    return new RoundResult(round, fault, target, calls, failedByCall, errors, report, acked, failed,
        counter == null ? 0 : Long.parseLong(counter), counterLost, generationLost, staleNanos);
  }

  /** Acknowledged increments missing from the counter; 0 when the counter lived on a server restarted empty. */
  long lostUpdates() {
    return counterLost ? 0 : Math.max(0, incrementsAcked - counter);
  }

  /** Increments counted more often than they were made (acknowledged or failed): never excused. */
  long countedTwice() {
    return Math.max(0, counter - incrementsAcked - incrementsFailed);
  }

  long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  String line() {
    String where = switch (fault) {
      case LOCAL_KILL, ALL_GLOBALS_KILLED -> "";
      default -> " on global " + target;
    };
    return String.format("round %2d %-19s%-12s: %,9d mixed calls (%,d failed); %,7d recorded (%,d threw), "
            + "%d violations, %d undecided%s; counter %,d of %,d acknowledged + %,d failed%s; staleness %d ms",
        round, fault, where, mixedCalls, errorCount(), report.operations(), report.unknownOutcomes(),
        report.violations(), report.unknowns(), generationLost ? " (the generation token was lost)" : "", counter,
        incrementsAcked, incrementsFailed,
        counterLost ? " (lived on the restarted server: not counted)" : "", staleNanos / 1_000_000);
  }

  private static long field(String line, String name) {
    for (String part : line.split(" ")) {
      if (part.startsWith(name + "=")) {
        return Long.parseLong(part.substring(name.length() + 1));
      }
    }
    throw new IllegalArgumentException("no " + name + " in " + line);
  }
}
