package io.github.dualcache.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dualcache.cache.DualcacheCache;
import io.github.dualcache.management.LayerStatisticsMXBean;
import io.github.dualcache.testing.Boxes;
import io.github.dualcache.testing.MemcachedServer;
import java.util.List;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local memcached frozen or killed under load from 8 threads calling {@code get}, {@code put}
 * and {@code invoke}: not one call throws, every call stays within the local layer's 100 ms cap plus
 * a global round trip, and reads go on from the global layer (global hits keep growing while local
 * hits stop). {@code io.github.dualcache.local.LocalMemcachedFailureTest} checks the same with one
 * thread, the 1 s bypass and the writes it could not invalidate; this adds concurrency and the
 * per-call bound, with a global timeout (1 s) far above the local cap so a missing cap shows.
 *
 * <p>What removing each guard does (checked by removing it): local failures rethrown
 * ({@code MemcachedLocalLayer.get} not catching) make calls throw; without the local 100 ms cap
 * ({@code LocalMemcached.MAX_TIMEOUT}) the first calls after the freeze take the 1 s global timeout.
 */
class LocalMemcachedDownUnderLoadTest {
  /** The local layer's own cap on a call ({@code LocalMemcached.MAX_TIMEOUT}). */
  static final long LOCAL_CAP_MILLIS = 100;
  /** A local call that timed out, then the global round trips of the same call. */
  static final long BOUND_MILLIS = LOCAL_CAP_MILLIS + 100;

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  private MemcachedServer local;

  @BeforeEach
  void startLocal() {
    local = MemcachedServer.start();
  }

  @AfterEach
  void stop() {
    BOXES.close();
    local.close();
  }

  @ParameterizedTest(name = "local memcached {0}")
  @ValueSource(strings = {"frozen", "killed"})
  void callsNeverFailAndReadsGoOnFromTheGlobalLayer(String fault) {
    Cache<String, String> cache = BOXES.manager("dualcache.timeout", "1s",
            "dualcache.local.type", "memcached", "dualcache.local.servers", local.address(),
            "dualcache.local.ttl", "300ms")
        .createCache(Boxes.uniqueName("local-" + fault), Boxes.strings().setStatisticsEnabled(true));
    LayerStatisticsMXBean layers = cache.unwrap(DualcacheCache.class).layerStatistics();
    List<String> keys = Faults.putKeys(cache, 16);
    CallLoad.Window before;
    CallLoad.Window down;
    CallLoad.Window after;
    long localHits;
    long globalHits;
    try (CallLoad load = new CallLoad(cache, 8, keys, key -> "all", 1_000).start()) {
      before = load.window();
      Faults.sleep(400);
      assertTrue(layers.getLocalHits() > 0, "the local layer was never used");
      if (fault.equals("frozen")) {
        Faults.freeze(local);
      } else {
        local.close();
      }
      down = load.window();
      localHits = layers.getLocalHits();
      globalHits = layers.getGlobalHits();
      Faults.sleep(1_500); // more than one bypass period: the layer is tried again, and fails again
      localHits = layers.getLocalHits() - localHits;
      globalHits = layers.getGlobalHits() - globalHits;
      after = load.window();
      if (fault.equals("frozen")) {
        local.thaw();
      }
      Faults.sleep(200);
    }
    // The first calls to fail were sent before the fault was in place: count every call of the run.
    CallLoad.Group calls = new CallLoad.Group();
    for (CallLoad.Window window : List.of(before, down, after)) {
      calls.add(window.total());
    }
    long stall = Math.max(before.stallMillis(), Math.max(down.stallMillis(), after.stallMillis()));
    System.out.printf("[local memcached %s] 8 threads, the whole run: %s; JVM stalled at most %d ms; while down, %d "
        + "global hits and %d local hits; %d local failures counted%n", fault, calls, stall, globalHits, localHits,
        layers.getLocalFailures());
    assertEquals(List.of(), calls.unexpected());
    assertTrue(layers.getLocalFailures() > 0, "the local failures were not counted");
    // a JVM that cannot run for longer than the global timeout (1 s) sees the global layer time out
    assumeTrue(Faults.measurable("local memcached " + fault, stall), "the machine was too loaded to time calls");
    assertEquals(0, calls.cacheExceptions.sum(), "a call failed with the local memcached " + fault + ": "
        + calls.firstCacheException());
    assertTrue(down.total().calls.sum() > 200, "too few calls while the local memcached was down: " + down.total());
    assertTrue(calls.maxMillis() <= BOUND_MILLIS + stall, "a call took " + calls.maxMillis()
        + " ms; the bound is " + BOUND_MILLIS + " ms (+ " + stall + " ms the JVM stalled)");
    assertTrue(globalHits > 100, "reads did not go on from the global layer: " + globalHits + " global hits");
  }
}
