package io.github.dualcache.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dualcache.testing.Boxes;
import java.util.ArrayList;
import java.util.List;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A global server frozen and thawed ten times under load (flapping), each freeze spanning several
 * re-reads of the cache's generation (local TTL 100 ms): no call hangs or exceeds the timeout +
 * 100 ms, the cache works again within a timeout plus the breaker's backoff after each thaw, and
 * the JVM ends with as many spymemcached IO threads and open file descriptors as it started with
 * (none left once the manager is closed).
 *
 * <p>What removing each guard does (checked by removing it): without the circuit breaker, calls
 * that need the generation and then the entry take two timeouts; with the old {@code synchronized}
 * generation re-read, callers queue behind one another; a breaker whose probe slot is never freed
 * (a probe that never reports) leaves the server failed after a thaw, so recovery fails.
 */
class FlappingGlobalTest {
  static final long TIMEOUT_MILLIS = 250;
  static final long BOUND_MILLIS = TIMEOUT_MILLIS + 100;
  static final long BACKOFF_MILLIS = TIMEOUT_MILLIS;
  private static final int CYCLES = 10;

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  @Test
  void tenFreezeThawCyclesLeaveNoHangNoLeakAndFullRecovery() {
    long ioThreadsWithout = Faults.liveThreads("Memcached IO");
    CacheManager manager = BOXES.manager(
        "dualcache.timeout", TIMEOUT_MILLIS + "ms", "dualcache.local.ttl", "100ms");
    Cache<String, String> cache = manager.createCache(Boxes.uniqueName("flap"), Boxes.strings());
    List<String> keys = Faults.putKeys(cache, 16);
    List<Long> recoveries = new ArrayList<>();
    long slowest = 0;
    long stallAllowed = 0;
    int measured = 0;
    long ioThreadsBefore;
    long fdsBefore;
    long ioThreadsAfter;
    long fdsAfter;
    try (CallLoad load = new CallLoad(cache, 8, keys, key -> "all", 1_000).start()) {
      Faults.sleep(200);
      ioThreadsBefore = Faults.liveThreads("Memcached IO");
      fdsBefore = Faults.openFileDescriptors();
      for (int cycle = 0; cycle < CYCLES; cycle++) {
        Faults.freeze(BOXES.global());
        CallLoad.Window frozen = load.window();
        Faults.sleep(300);
        CallLoad.Window edge = load.window();
        Faults.sleep(BOUND_MILLIS + 20);
        CallLoad.Window thawed = load.window();
        BOXES.global().thaw();
        long recovery = Faults.recoveryMillis(cache);
        recoveries.add(recovery);
        Faults.sleep(100);
        load.window();
        for (CallLoad.Window window : List.of(frozen, edge, thawed)) {
          assertEquals(List.of(), window.total().unexpected(), "cycle " + cycle);
        }
        long cycleSlowest = Math.max(frozen.total().maxMillis(), edge.total().maxMillis());
        long stall = Math.max(frozen.stallMillis(), Math.max(edge.stallMillis(), thawed.stallMillis()));
        assertTrue(frozen.total().cacheExceptions.sum() > 0, "cycle " + cycle + ": the freeze went unnoticed");
        if (!Faults.measurable("cycle " + cycle, stall)) {
          continue;
        }
        measured++;
        slowest = Math.max(slowest, cycleSlowest);
        stallAllowed = Math.max(stallAllowed, stall);
        assertTrue(cycleSlowest <= BOUND_MILLIS + stall, "cycle " + cycle + ": a call took " + cycleSlowest
            + " ms; the bound is " + BOUND_MILLIS + " ms (+ " + stall + " ms the JVM stalled): " + frozen.total());
        assertTrue(recovery <= TIMEOUT_MILLIS + BACKOFF_MILLIS + 100 + stall,
            "cycle " + cycle + ": the cache worked again only " + recovery + " ms after the thaw");
      }
      Faults.sleep(200);
      ioThreadsAfter = Faults.liveThreads("Memcached IO");
      fdsAfter = Faults.openFileDescriptors();
    }
    manager.close();
    // spymemcached's IO thread finishes on its own once shut down: give it a moment on a loaded machine
    long ioThreadsClosed = Faults.liveThreads("Memcached IO");
    for (int wait = 0; wait < 40 && ioThreadsClosed > ioThreadsWithout; wait++) {
      Faults.sleep(50);
      ioThreadsClosed = Faults.liveThreads("Memcached IO");
    }

    System.out.printf("[flapping] %d cycles (%d timed): slowest call while frozen %d ms (JVM stalled at most %d ms); "
        + "recovery after each thaw (ms) %s; Memcached IO threads %d -> %d (%d after close, %d without the "
        + "manager); open fds %d -> %d%n", CYCLES, measured, slowest, stallAllowed, recoveries, ioThreadsBefore,
        ioThreadsAfter, ioThreadsClosed, ioThreadsWithout, fdsBefore, fdsAfter);
    assertEquals(ioThreadsBefore, ioThreadsAfter, "spymemcached IO threads leaked");
    assertEquals(ioThreadsWithout, ioThreadsClosed, "the IO thread outlived its CacheManager");
    assertEquals(fdsBefore, fdsAfter, "file descriptors (sockets) leaked");
    assumeTrue(measured > 0, "the machine was too loaded to time any cycle");
  }

  /** How long after the thaw a {@code put} first succeeds. */
}
