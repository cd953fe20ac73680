package io.github.dualcache.consistency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.linearizability.HistoryFile;
import io.github.dualcache.linearizability.LinearizabilityChecker;
import io.github.dualcache.linearizability.Report;
import io.github.dualcache.testing.Boxes;
import io.github.dualcache.testing.MemcachedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The consistency checks of {@link LinearizabilityTest} and {@link ConsistencyTest} while the
 * global memcached is frozen and thawed under the load of 2 JVMs x 4 threads (timeout 250 ms): a
 * call that threw is recorded as "may have taken effect", never as lost, and with that every key's
 * history must still be linearizable and every increment accounted for.
 */
class ConsistencyUnderFaultsTest {
  private static final long LOCAL_TTL_MILLIS = 1_000;

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  /** Freezes the server {@code cycles} times for {@code frozenMillis}, every {@code periodMillis}. */
  static Thread flapping(MemcachedServer server, int cycles, long frozenMillis, long periodMillis) {
    Thread thread = new Thread(() -> {
      for (int i = 0; i < cycles; i++) {
        LockSupport.parkNanos((periodMillis - frozenMillis) * 1_000_000);
        server.freeze();
        LockSupport.parkNanos(frozenMillis * 1_000_000);
        server.thaw();
      }
    }, "flapping");
    thread.setDaemon(true);
    return thread;
  }

  @Test
  void historiesStayLinearizableWhileTheGlobalFlaps() throws Exception {
    try (TwoJvms jvms = new TwoJvms(BOXES.globalServers(), "none", LOCAL_TTL_MILLIS, 4, "250ms")) {
      Thread faults = flapping(BOXES.global(), 3, 500, 900);
      faults.start();
      List<Path> histories = jvms.run("history", "ops=1500 keys=3 seed=" + System.nanoTime());
      faults.join();
      Report report = new LinearizabilityChecker().withMaxStates(4_000_000).check(HistoryFile.read(histories));
      System.out.println("[under faults] " + report.operations() + " operations, " + report.unknownOutcomes()
          + " threw (may have taken effect), " + report.violations() + " violations, " + report.unknowns()
          + " undecided");
      assertTrue(report.unknownOutcomes() > 0, "the freezes made no call fail: the test proves nothing");
      assertEquals(0, report.unknowns(), "the search gave up on a key:\n" + report);
      assertEquals(0, report.violations(), report.toString());
    }
  }

  @Test
  void noIncrementIsLostWhileTheGlobalFlaps() throws IOException {
    int count = 3_000;
    try (TwoJvms jvms = new TwoJvms(BOXES.globalServers(), "none", LOCAL_TTL_MILLIS, 4, "250ms")) {
      Cache<String, String> observer = BOXES.open("none", Duration.ofSeconds(1)).manager()
          .createCache(jvms.cacheName(), Boxes.strings());
      Thread faults = flapping(BOXES.global(), 3, 500, 900);
      faults.start();
      List<String> lines = new ArrayList<>();
      for (Path file : jvms.run("increments", "count=" + count + " removeEvery=" + (count + 1))) {
        lines.addAll(Files.readAllLines(file));
      }
      try {
        faults.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      long counted = lines.stream().mapToLong(line -> field(line, "increments")).sum();
      long failed = lines.stream().mapToLong(line -> field(line, "failed")).sum();
      long value = Long.parseLong(observer.get(Increments.KEY));
      System.out.println("[under faults] increments: " + counted + " acknowledged, " + failed + " failed, counter "
          + value);
      assertTrue(failed > 0, "the freezes made no increment fail: the test proves nothing");
      assertTrue(value >= counted, "acknowledged increments were lost: " + counted + " acknowledged, counter " + value);
      assertTrue(value <= counted + failed, "increments counted twice: " + counted + " acknowledged + " + failed
          + " failed, counter " + value);
    }
  }

  private static long field(String line, String name) {
    for (String part : line.split(" ")) {
      if (part.startsWith(name + "=")) {
        return Long.parseLong(part.substring(name.length() + 1));
      }
    }
    throw new AssertionError("no " + name + " in " + line);
  }
}
