package io.github.dualcache.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.testing.Boxes;
import io.github.dualcache.testing.ChildJvm;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.integration.CacheLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The system's coarse clock: what it reads, and that its thread runs exactly while someone holds
 * it. The thread's life is checked in a child JVM, where no other test can be holding the clock.
 */
class TickingClockTest {

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  @Test
  void readsTheSystemClockNeverAheadOfItAndKeepsUp() throws InterruptedException {
    try (CoarseClock clock = TimeSource.SYSTEM.coarseClock()) {
      long acquiredAfter = System.currentTimeMillis();
      long first = clock.wallMillis();
      assertTrue(first >= acquiredAfter - 1, "the first reading is taken when the clock is acquired: " + first
          + " vs " + acquiredAfter);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      long reading = first;
      while (reading < first + 50 && System.nanoTime() < deadline) {
        Thread.sleep(5);
        long before = System.currentTimeMillis();
        reading = clock.wallMillis();
        assertTrue(reading <= System.currentTimeMillis(), "a coarse reading ahead of the system clock");
        assertTrue(reading >= before - 1_000, "the coarse clock lags by more than a second");
      }
      assertTrue(reading >= first + 50, "the coarse clock did not move 50 ms within 5 s: is its thread ticking?");
    }
  }

  @Test
  void itsThreadRunsOnlyWhileSomeoneHoldsIt() throws Exception {
    try (ChildJvm child = ChildJvm.start("ticking-clock", Holders.class, List.of("-Xmx64m"),
        List.of(BOXES.globalServers()))) {
      int status = child.awaitExit(60, TimeUnit.SECONDS);
      assertEquals(0, status, child.output());
      assertTrue(child.output().contains("OK"), child.output());
    }
  }

  /** A loader factory that fails, so a cache fails to open after its store was built. */
  public static final class FailingLoader implements javax.cache.configuration.Factory<CacheLoader<String, String>> {
    private static final long serialVersionUID = 1L;

    @Override
    public CacheLoader<String, String> create() {
      throw new IllegalStateException("this loader cannot be made");
    }
  }

  /** The child: each step opens or closes holders and checks how many clock threads run. */
  public static final class Holders {
    public static void main(String[] args) throws Exception {
      String global = args[0];
      try {
        expectThreads(0, "at start");

        CoarseClock one = TimeSource.SYSTEM.coarseClock();
        CoarseClock two = TimeSource.SYSTEM.coarseClock();
        expectThreads(1, "with two holders");
        one.close();
        one.close(); // a second close must not release the other holder's hold
        expectThreads(1, "after one of two holders closed twice");
        two.close();
        expectThreads(0, "after the last holder closed");

        CacheManager none = Boxes.openManager(global, "dualcache.local.type", "none");
        none.createCache("no-local", Boxes.strings());
        expectThreads(0, "with a cache that has no local layer");

        CacheManager heapA = Boxes.openManager(global, "dualcache.local.type", "heap");
        CacheManager heapB = Boxes.openManager(global, "dualcache.local.type", "heap");
        heapA.createCache("heap-a", Boxes.strings());
        heapB.createCache("heap-b", Boxes.strings());
        expectThreads(1, "with two heap-layer caches");
        heapA.close();
        expectThreads(1, "after one heap-layer manager closed");
        heapB.close();
        expectThreads(0, "after every heap-layer manager closed");

        CacheManager failing = Boxes.openManager(global, "dualcache.local.type", "heap");
        try {
          failing.createCache("failing", Boxes.strings().setReadThrough(true)
              .setCacheLoaderFactory(new FailingLoader()));
          throw new AssertionError("the cache opened although its loader factory throws");
        } catch (IllegalStateException | CacheException expected) {
          // the store was built before the loader failed: its clock must be released
        }
        expectThreads(0, "after a heap-layer cache failed to open");
        failing.close();
        none.close();
        System.out.println("OK");
        System.exit(0);
      } catch (AssertionError e) {
        System.out.println("ERROR " + e.getMessage());
        System.exit(1);
      }
    }

    /** Waits up to 5 s for the count, since a released thread ends on its next tick. */
    private static void expectThreads(int expected, String when) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      long running;
      do {
        running = Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.getName().equals(TickingClock.THREAD_NAME) && thread.isAlive())
            .count();
        if (running == expected) {
          return;
        }
        Thread.sleep(10);
      } while (System.nanoTime() < deadline);
      throw new AssertionError(running + " clock threads " + when + ", expected " + expected);
    }
  }
}
