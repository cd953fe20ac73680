package io.github.dualcache.consistency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dualcache.linearizability.HistoryFile;
import io.github.dualcache.linearizability.LinearizabilityChecker;
import io.github.dualcache.linearizability.Report;
import io.github.dualcache.testing.MemcachedExtension;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random single-key operations of every kind from 2 JVMs x 4 threads on 3 keys, each recorded
 * with its start, end and JCache result, and every key's history checked against a register: it
 * must be linearizable. With a local layer, plain reads may be stale by the local TTL + 50 ms but
 * never older than the reading JVM's own last write; everything else is exact.
 *
 * <p>The longer run is {@link LinearizabilityRun}. What makes this fail: mapping memcached's
 * {@code NOT_FOUND} after a concurrent remove to "absent, so add" (checked by restoring it).
 */
class LinearizabilityTest {
  private static final long LOCAL_TTL_MILLIS = 1_000;
  private static final Duration STALENESS = Duration.ofMillis(LOCAL_TTL_MILLIS + 50);

  @RegisterExtension static final MemcachedExtension GLOBAL = new MemcachedExtension();

  @ParameterizedTest(name = "local layer {0}")
  @ValueSource(strings = {"none", "heap", "memcached"})
  void everyKeysHistoryIsLinearizable(String localType) throws IOException {
    // the seed fixes each thread's operations, not how the threads interleave; printed so that a
    // failure's operations can be run again
    long seed = System.nanoTime();
    Report report = run(GLOBAL.address(), localType, 600, seed);
    String context = "seed " + seed + ":\n" + report;
    assertEquals(0, report.unknownOutcomes(), "no call may fail without a fault, " + context);
    assertEquals(0, report.unknowns(), "the search gave up on a key, " + context);
    assertEquals(0, report.violations(), context);
  }

  /** One session of {@code opsPerThread} random operations per thread, checked. */
  static Report run(String globalServers, String localType, int opsPerThread, long seed) throws IOException {
    try (TwoJvms jvms = new TwoJvms(globalServers, localType, LOCAL_TTL_MILLIS, 4)) {
      var histories = jvms.run("history", "ops=" + opsPerThread + " keys=3 seed=" + seed);
      LinearizabilityChecker checker = new LinearizabilityChecker();
      if (!localType.equals("none")) {
        checker = checker.withStaleness(STALENESS);
      }
      return checker.check(HistoryFile.read(histories));
    }
  }
}
