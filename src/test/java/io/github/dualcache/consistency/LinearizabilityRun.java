package io.github.dualcache.consistency;

import io.github.dualcache.linearizability.Report;
import io.github.dualcache.testing.MemcachedServer;
import java.util.List;

/**
 * The longer linearizability check, one command:
 * {@code mvn -q test-compile exec:exec@linearizability -Dlinearizability.args="--rounds 10 --ops 2000"}.
 * Each round starts two JVMs per layer configuration (none, heap, local memcached) with 4 threads
 * each, runs {@code --ops} random operations per thread on 3 keys and checks every key's history;
 * it ends with one line per configuration and exits with status 1 on any violation.
 */
public final class LinearizabilityRun {

  private LinearizabilityRun() {}

  public static void main(String[] args) throws Exception {
    int rounds = 5;
    int ops = 2_000;
    for (int i = 0; i < args.length - 1; i += 2) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--ops" -> ops = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i] + " (--rounds N, --ops N)");
      }
    }
    boolean violated = false;
    try (MemcachedServer global = MemcachedServer.start()) {
      for (String layer : List.of("none", "heap", "memcached")) {
        long operations = 0;
        long histories = 0;
        long violations = 0;
        long unknown = 0;
        long failedCalls = 0;
        long start = System.nanoTime();
        for (int round = 0; round < rounds; round++) {
          Report report = LinearizabilityTest.run(global.address(), layer, ops, System.nanoTime());
          operations += report.operations();
          histories += report.keys().size();
          violations += report.violations();
          unknown += report.unknowns();
          failedCalls += report.unknownOutcomes();
          if (!report.linearizable()) {
            System.out.println(report);
          }
        }
        violated |= violations > 0;
        System.out.printf("local layer %-9s: %,d operations in %d key histories (2 JVMs x 4 threads, 3 keys, %d rounds),"
                + " %d violations, %d undecided, %d failed calls, %.0f s%n",
            layer, operations, histories, rounds, violations, unknown, failedCalls, (System.nanoTime() - start) / 1e9);
      }
    }
    System.exit(violated ? 1 : 0);
  }
}
