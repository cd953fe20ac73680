package io.github.dualcache.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dualcache.testing.Boxes;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A frozen global memcached (SIGSTOP: connections stay open, nothing is answered) under load from
 * 1, 8 and 64 threads calling {@code get}, {@code put} and {@code invoke}: every call returns or
 * throws within {@code dualcache.timeout} + 100 ms, whatever the number of callers. Fail-fast calls
 * throw {@link CacheException}; in fail-open mode {@code get} answers null and writes still throw.
 * {@code iterator()} fails at once too, rather than crawl a server known not to answer. Once
 * thawed, the cache works again within a timeout plus the breaker's backoff.
 *
 * <p>The only margin added to the bound is the longest stall of the whole JVM measured during the
 * same window ({@link StallMeter}): on a 2-core machine shared with other builds, a thread may not
 * run for a while whatever the cache does. A run in which the JVM stalled more than
 * {@link Faults#MAX_STALL_MILLIS} is not timed at all (reported as skipped). The test prints the
 * measured maxima and stalls.
 *
 * <p>The local TTL is 100 ms, so the cache's generation token goes stale and is re-read many times
 * during each freeze: the callers that queued behind one another on that re-read (2 s with 8
 * threads, 9 s with 32, before) are what this guards.
 *
 * <p>What removing each guard does (checked by removing it):
 * <ul>
 *   <li>the shared, lock-free read of the generation replaced by the old {@code synchronized}
 *       re-read: with 8 and 64 threads calls wait one behind another, far over the bound;
 *   <li>no circuit breaker ({@code CircuitBreaker.admit} always letting calls through): every
 *       call waits its own timeout, and one that needs the generation and then the entry waits two;
 *   <li>fail-open ignored ({@code Reads} always failing fast): the fail-open {@code get}s throw;
 *   <li>the crawler not refused while the breaker is open ({@code MemcachedCluster.keysWithPrefix}):
 *       {@code iterator()} waits for its crawl's own bound (10 s).
 * </ul>
 */
class FrozenGlobalTest {
  static final long TIMEOUT_MILLIS = 250;
  /** The bound every call must meet. */
  static final long BOUND_MILLIS = TIMEOUT_MILLIS + 100;
  /** The breaker's backoff for this timeout (the timeout itself, between 100 ms and 1 s). */
  static final long BACKOFF_MILLIS = TIMEOUT_MILLIS;
  private static final long FROZEN_MILLIS = 800;

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  @ParameterizedTest(name = "{0} threads, {1}")
  @CsvSource({"1, failFast", "8, failFast", "64, failFast", "1, failOpen", "8, failOpen", "64, failOpen"})
  void everyCallEndsWithinTheTimeoutWhileTheGlobalServerIsFrozen(int threads, String failureMode) {
    Cache<String, String> cache = BOXES.manager(
            "dualcache.timeout", TIMEOUT_MILLIS + "ms",
            "dualcache.local.ttl", "100ms",
            "dualcache.failureMode", failureMode)
        .createCache(Boxes.uniqueName("frozen"), Boxes.strings());
    List<String> keys = Faults.putKeys(cache, 16);

    CallLoad.Window healthy;
    CallLoad.Window frozen;
    CallLoad.Window stillFrozen;
    CallLoad.Window thawed;
    long recoveryMillis;
    long iterationMillis;
    try (CallLoad load = new CallLoad(cache, threads, keys, key -> "all", 1_000).start()) {
      healthy = load.window();
      Faults.sleep(200);
      Faults.freeze(BOXES.global());
      frozen = load.window();
      Faults.sleep(FROZEN_MILLIS);
      // Calls that started in "frozen" have all ended (they are bounded) before the thaw.
      stillFrozen = load.window();
      iterationMillis = iterationMillis(cache);
      Faults.sleep(BOUND_MILLIS + 50);
      thawed = load.window();
      BOXES.global().thaw();
      recoveryMillis = Faults.recoveryMillis(cache);
      Faults.sleep(300);
    }

    CallLoad.Group during = frozen.total();
    CallLoad.Group edge = stillFrozen.total();
    System.out.printf("[frozen global] %d threads, %s: healthy %s%n  frozen %s; JVM stalled at most %d ms%n"
        + "  recovered %d ms after thaw; then %s%n", threads, failureMode, healthy.total(), during,
        Math.max(frozen.stallMillis(), stillFrozen.stallMillis()), recoveryMillis, thawed.total());

    assertEquals(List.of(), during.unexpected(), "only CacheException may be thrown");
    assertTrue(during.calls.sum() >= threads, "too few calls: " + during);
    if (failureMode.equals("failFast")) {
      assertEquals(0, during.succeeded.sum(), "a call succeeded on a frozen server: " + during);
    } else {
      assertEquals(0, during.failed(CallLoad.Op.GET), "a fail-open get threw: " + during.firstCacheException(CallLoad.Op.GET));
      assertEquals(during.succeeded(CallLoad.Op.GET), during.nullGets.sum(), "a fail-open get returned a value");
      assertEquals(0, during.succeeded(CallLoad.Op.PUT) + during.succeeded(CallLoad.Op.INVOKE),
          "a write succeeded on a frozen server: " + during);
    }
    assertTrue(during.cacheExceptions.sum() > 0, "no call failed: " + during);
    assertTrue(thawed.total().succeeded.sum() > 0, "nothing succeeded after the thaw: " + thawed.total());
    long slowest = Math.max(during.maxMillis(), edge.maxMillis());
    long stall = Math.max(frozen.stallMillis(), stillFrozen.stallMillis());
    boolean timedFreeze = Faults.measurable(threads + " threads, " + failureMode + ", frozen", stall);
    if (timedFreeze) {
      assertTrue(slowest <= BOUND_MILLIS + stall, "a call took " + slowest + " ms with a frozen server and "
          + threads + " threads; the bound is " + BOUND_MILLIS + " ms (+ " + stall + " ms the JVM stalled): " + during);
      assertTrue(iterationMillis <= BOUND_MILLIS + stall, "iterator() took " + iterationMillis + " ms to fail; its "
          + "crawl of a server known not to answer would otherwise wait at least 10 s");
    }
    boolean timedThaw = Faults.measurable(threads + " threads, " + failureMode + ", thawed", thawed.stallMillis());
    if (timedThaw) {
      assertTrue(recoveryMillis <= TIMEOUT_MILLIS + BACKOFF_MILLIS + 100 + thawed.stallMillis(),
          "the cache took " + recoveryMillis + " ms after the thaw to work again");
    }
    assumeTrue(timedFreeze || timedThaw, "the machine was too loaded to time calls");
  }

  /** How long {@code iterator()} takes to fail on the frozen server (it must fail). */
  private static long iterationMillis(Cache<String, String> cache) {
    long start = System.nanoTime();
    try {
      cache.iterator().hasNext();
    } catch (CacheException expected) {
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
    throw new AssertionError("iterator() worked on a frozen server");
  }

  /** How long after the thaw a {@code put} (never fail-open) first succeeds. */
}
