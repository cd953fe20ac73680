package io.github.dualcache.linearizability;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks history files from the command line and prints the report; exit status 0 if linearizable, 1 on a
 * violation, 2 on bad arguments or a malformed file, 3 if some key was left unknown (search bound reached).
 *
 * <pre>
 * java -cp target/test-classes io.github.dualcache.linearizability.CheckHistories \
 *     [--staleness-ms N] [--max-states N] history-jvm0.tsv history-jvm1.tsv ...
 * </pre>
 */
public final class CheckHistories {

  private CheckHistories() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Does what {@link #main} does and returns its exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    LinearizabilityChecker checker = new LinearizabilityChecker();
    List<Path> files = new ArrayList<>();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--staleness-ms" -> checker = checker.withStaleness(Duration.ofMillis(number(args, ++i)));
          case "--staleness-ns" -> checker = checker.withStalenessNanos(number(args, ++i));
          case "--max-states" -> checker = checker.withMaxStates(number(args, ++i));
          default -> files.add(Path.of(args[i]));
        }
      }
      if (files.isEmpty()) {
        throw new IllegalArgumentException("no history file given");
      }
      Report report = checker.check(HistoryFile.read(files));
      out.print(report);
      return switch (report.verdict()) {
        case LINEARIZABLE -> 0;
        case VIOLATION -> 1;
        case UNKNOWN -> 3;
      };
    } catch (IllegalArgumentException | IOException e) {
      err.println(e.getMessage());
      err.println("usage: CheckHistories [--staleness-ms N | --staleness-ns N] [--max-states N] FILE...");
      return 2;
    }
  }

  private static long number(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a number");
    }
    try {
      return Long.parseLong(args[i]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(args[i - 1] + " needs a number, not " + args[i], e);
    }
  }
}
