package io.github.dualcache.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dualcache.cache.DualcacheCache;
import io.github.dualcache.testing.Boxes;
import io.github.dualcache.testing.MemcachedServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three global servers, one of them down at a time, each in turn, including the one that holds
 * the cache's generation token: calls for keys on the other two keep working (no error at all),
 * calls for keys on the one down fail fast, and every call ends within the timeout + 100 ms.
 * Before, the token's server was a single point of failure: with it down, 99–100% of calls failed,
 * keys on healthy servers included.
 *
 * <p>And {@code clear()}: with a server other than the token's down, it works, and once that server
 * is back none of the values it still holds from before the clear is ever served (entry keys embed
 * the token, so they are unreachable); with the token's server down, it fails, saying so.
 *
 * <p>What removing each guard does (checked by removing it):
 * <ul>
 *   <li>a caller that knows a token waiting for a read of it that tests a server that timed out
 *       (the {@code isProbe} check in {@code MemcachedGlobalLayer.generation}): healthy keys stall
 *       for a timeout each time the token's server is tested again;
 *   <li>the fallback to the last known token ({@code MemcachedGlobalLayer.lastKnown} throwing
 *       instead): every call fails while the token's server is down, healthy keys included;
 *   <li>the circuit breaker: calls for keys on a frozen server each wait the timeout, and calls
 *       that need the token while its server is frozen wait it twice (over the bound);
 *   <li>entry keys without the generation ({@code KeyMapper.entryKey} ignoring it): the pre-clear
 *       values on the server that was down are served after the clear.
 * </ul>
 */
class OneOfThreeDownTest {
  static final long TIMEOUT_MILLIS = 250;
  static final long BOUND_MILLIS = TIMEOUT_MILLIS + 100;
  /** What a call to a healthy server may take on a loaded 2-core machine (measured: 1-20 ms). */
  static final long FULL_SPEED_MILLIS = 60;
  private static final int KEYS = 48;

  private final MemcachedServer[] servers = new MemcachedServer[3];
  @RegisterExtension final Boxes boxes = Boxes.overServersOfTheTest();
  private final Map<String, Integer> serverOfKey = new HashMap<>();
  private Cache<String, String> cache;
  private String cacheName;
  /** Windows whose timings were checked: a test that could time none is skipped, not passed. */
  private int measuredWindows;
  private int generationServer;

  @BeforeEach
  void start() {
    for (int i = 0; i < servers.length; i++) {
      servers[i] = MemcachedServer.start();
    }
    cacheName = Boxes.uniqueName("three");
    cache = open().createCache(cacheName, Boxes.strings());
    Faults.setUp(() -> cache.get("warm-up")); // creates the generation token
    generationServer = -1;
    for (int i = 0; i < servers.length; i++) {
      if (servers[i].rawGet("dualcache:" + cacheName + ":gen") != null) {
        generationServer = i;
      }
    }
    assertTrue(generationServer >= 0, "no server holds the generation token");
    for (int i = 0; i < KEYS; i++) {
      String key = "k" + i;
      long[] before = items();
      int n = i;
      Faults.setUp(() -> cache.put(key, "old-" + n));
      long[] after = items();
      for (int s = 0; s < servers.length; s++) {
        if (after[s] > before[s]) {
          serverOfKey.put(key, s);
        }
      }
    }
    for (int s = 0; s < servers.length; s++) {
      int server = s;
      assertTrue(serverOfKey.values().stream().filter(v -> v == server).count() >= 3,
          "ketama put fewer than 3 of " + KEYS + " keys on server " + s + ": " + serverOfKey);
    }
  }

  private CacheManager open() {
    return boxes.managerOn(Arrays.stream(servers).map(MemcachedServer::address).collect(Collectors.joining(",")),
        "dualcache.timeout", TIMEOUT_MILLIS + "ms", "dualcache.local.ttl", "100ms");
  }

  @AfterEach
  void stop() {
    boxes.close();
    for (MemcachedServer server : servers) {
      if (server != null) {
        server.close();
      }
    }
  }

  private long[] items() {
    long[] items = new long[servers.length];
    for (int s = 0; s < servers.length; s++) {
      items[s] = Long.parseLong(servers[s].stats().get("curr_items"));
    }
    return items;
  }

  private String group(String key) {
    int server = serverOfKey.get(key);
    return "server" + server + (server == generationServer ? " (generation)" : "");
  }

  @Test
  void keysOnTheOtherServersKeepWorkingWhileEachServerInTurnIsFrozenOrKilled() {
    List<String> keys = new ArrayList<>(serverOfKey.keySet());
    try (CallLoad load = new CallLoad(cache, 8, keys, this::group, 1_000).start()) {
      Faults.sleep(100);
      for (int down = 0; down < servers.length; down++) {
        Faults.freeze(servers[down]);
        CallLoad.Window detecting = load.window();
        Faults.sleep(BOUND_MILLIS);
        CallLoad.Window steady = load.window();
        Faults.sleep(600);
        CallLoad.Window edge = load.window();
        Faults.sleep(BOUND_MILLIS + 50);
        load.window();
        servers[down].thaw();
        check("server" + down + " frozen, first " + BOUND_MILLIS + " ms", detecting, steady, down);
        check("server" + down + " frozen, then", steady, edge, down);
        checkFullSpeed("server" + down + " frozen", steady, down);
        awaitRecovery(down);
      }
      // The same for the token's server killed (kill -9) and restarted empty on its port: calls
      // for its keys fail at once (no connection), the others keep going on the last token known.
      int port = servers[generationServer].port();
      servers[generationServer].close();
      CallLoad.Window window = load.window();
      Faults.sleep(700);
      CallLoad.Window edge = load.window();
      Faults.sleep(50);
      load.window();
      servers[generationServer] = MemcachedServer.startOn(port);
      check("server" + generationServer + " (generation) killed", window, edge, generationServer);
      awaitRecovery(generationServer);
    }
    assumeTrue(measuredWindows > 0, "the machine was too loaded to time any window");
    assertTrue(cache.unwrap(DualcacheCache.class).layerStatistics().getGenerationFallbacks() > 0,
        "no call went on with the last known generation");
  }

  /**
   * Checks the calls that started in {@code window} ({@code edge} is the next one, where the last
   * of them ended). Timing-dependent checks (the bound, no error on healthy servers, none of the
   * calls on the server down finishing after its restore) need a window the JVM was not stalled in.
   */
  private void check(String what, CallLoad.Window window, CallLoad.Window edge, int down) {
    System.out.printf("[one of three] %s:%n", what);
    window.groups().forEach((group, calls) -> System.out.printf("  %s: %s%n", group, calls));
    long slowest = Math.max(window.total().maxMillis(), edge.total().maxMillis());
    long stall = Math.max(window.stallMillis(), edge.stallMillis());
    System.out.printf("  slowest call %d ms, JVM stalled at most %d ms%n", slowest, stall);
    boolean timed = Faults.measurable(what, stall);
    for (Map.Entry<String, CallLoad.Group> entry : window.groups().entrySet()) {
      CallLoad.Group calls = entry.getValue();
      assertEquals(List.of(), calls.unexpected(), what + ", " + entry.getKey());
      if (entry.getKey().startsWith("server" + down)) {
        assertTrue(calls.cacheExceptions.sum() > 0, what + ": " + calls);
        if (timed) {
          assertEquals(0, calls.succeeded.sum(), what + ": a call for a key on the server down succeeded: " + calls);
        }
      } else {
        assertTrue(calls.succeeded.sum() > 20, what + ": too few calls on a healthy server: " + calls);
        if (timed) {
          assertEquals(0, calls.cacheExceptions.sum(), what + ": calls for keys on a healthy server failed ("
              + calls.firstCacheException() + "): " + calls);
        }
      }
    }
    if (timed) {
      measuredWindows++;
      assertTrue(slowest <= BOUND_MILLIS + stall, what + ": a call took " + slowest + " ms; the bound is "
          + BOUND_MILLIS + " ms (+ " + stall + " ms the JVM stalled)");
    }
  }

  /**
   * Once the outage is known (a timeout opened the breaker), calls for keys on healthy servers do
   * not wait at all: not for the dead server, and not for a read of the generation that tests it
   * again (a caller that knows a token does not wait for such a probe).
   */
  private void checkFullSpeed(String what, CallLoad.Window steady, int down) {
    if (!Faults.measurable(what + " (full speed)", steady.stallMillis())) {
      return;
    }
    for (Map.Entry<String, CallLoad.Group> entry : steady.groups().entrySet()) {
      if (!entry.getKey().startsWith("server" + down)) {
        long slowest = entry.getValue().maxMillis();
        assertTrue(slowest <= FULL_SPEED_MILLIS + steady.stallMillis(), what + ": a call for a key on healthy "
            + entry.getKey() + " took " + slowest + " ms after the outage was detected; at full speed it takes "
            + "at most " + FULL_SPEED_MILLIS + " ms (+ " + steady.stallMillis() + " ms the JVM stalled)");
      }
    }
  }

  /** A write for a key on the server that was down succeeds again within a few backoffs. */
  private void awaitRecovery(int server) {
    String key = serverOfKey.entrySet().stream().filter(e -> e.getValue() == server).findFirst().orElseThrow().getKey();
    long start = System.nanoTime();
    while (true) {
      try {
        cache.put(key, "recovered");
        System.out.printf("  server%d working again %d ms after its restore%n", server,
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return;
      } catch (CacheException e) {
        if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(5)) {
          throw new AssertionError("server" + server + " still failing 5 s after its restore", e);
        }
        Faults.sleep(10);
      }
    }
  }

  /**
   * The case the generation's fallback is for: a cache none of whose keys used here lives on the
   * token's server. Only the re-reads of the token then go to that server, so each time its breaker
   * lets one call test it, that call is a read of the token: callers that know a token go on
   * without waiting for it. Only the first re-read, before anything timed out, costs a wait (at most
   * one timeout, once).
   */
  @Test
  void keysElsewhereRunAtFullSpeedWhileOnlyTheGenerationServerIsFrozen() {
    List<String> elsewhere = serverOfKey.entrySet().stream().filter(e -> e.getValue() != generationServer)
        .map(Map.Entry::getKey).toList();
    try (CallLoad load = new CallLoad(cache, 8, elsewhere, this::group, 1_000).start()) {
      Faults.sleep(100);
      Faults.freeze(servers[generationServer]);
      CallLoad.Window detecting = load.window();
      Faults.sleep(BOUND_MILLIS);
      CallLoad.Window steady = load.window();
      Faults.sleep(1_200); // a few backoffs: the token's server is tested again several times
      CallLoad.Window edge = load.window();
      Faults.sleep(BOUND_MILLIS + 50);
      load.window();
      servers[generationServer].thaw();
      check("only the generation's server" + generationServer + " frozen, first " + BOUND_MILLIS + " ms",
          detecting, steady, generationServer);
      check("only the generation's server" + generationServer + " frozen, then", steady, edge, generationServer);
      checkFullSpeed("only the generation's server frozen", steady, generationServer);
    }
    assumeTrue(measuredWindows > 0, "the machine was too loaded to time any window");
  }

  @Test
  void clearWithAnotherServerDownServesNoPreClearValueOnceItIsBack() {
    int down = (generationServer + 1) % servers.length;
    List<String> keysOnDown = serverOfKey.entrySet().stream().filter(e -> e.getValue() == down)
        .map(Map.Entry::getKey).toList();
    Cache<String, String> other = open().createCache(cacheName, Boxes.strings());
    assertEquals("old-0", other.get("k0"), "another manager reads the cache");

    Faults.freeze(servers[down]);
    String tokenBefore = new String(servers[generationServer].rawGet("dualcache:" + cacheName + ":gen"));
    cache.clear();
    assertNotEquals(tokenBefore, new String(servers[generationServer].rawGet("dualcache:" + cacheName + ":gen")));
    servers[down].thaw();
    long oldItems = servers[down].keys().stream()
        .map(servers[down]::rawGet)
        .filter(item -> item != null && new String(item, StandardCharsets.ISO_8859_1).contains("old-"))
        .count();
    assertEquals(keysOnDown.size(), oldItems, "the server that was down still holds its pre-clear values");

    awaitRecovery(down); // writes one key of the server that was down: read it back below
    Cache<String, String> fresh = open().createCache(cacheName, Boxes.strings());
    Faults.sleep(150); // past the other manager's local TTL (its generation copy)
    for (String key : serverOfKey.keySet()) {
      String expected = keysOnDown.get(0).equals(key) ? "recovered" : null;
      assertEquals(expected, cache.get(key), "this JVM after its clear, key " + key);
      assertEquals(expected, fresh.get(key), "a new manager after the clear, key " + key);
      assertEquals(expected, other.get(key), "another manager after the clear, key " + key);
    }
  }

  @Test
  void clearWithTheGenerationServerDownFailsSayingSo() {
    Faults.freeze(servers[generationServer]);
    CacheException failure;
    long tookMillis;
    long stallMillis;
    try (StallMeter stalls = new StallMeter()) {
      long start = System.nanoTime();
      failure = assertThrows(CacheException.class, cache::clear);
      tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      stallMillis = stalls.takeMaxMillis();
    }
    System.out.printf("[one of three] clear() with the generation server frozen failed in %d ms (JVM stalled at "
        + "most %d ms): %s%n", tookMillis, stallMillis, failure.getMessage());
    if (Faults.measurable("clear() with the generation server frozen", stallMillis)) {
      assertTrue(tookMillis <= BOUND_MILLIS + stallMillis, "clear() took " + tookMillis + " ms");
    }
    assertTrue(failure.getMessage().contains("could not be cleared"), failure.getMessage());
    assertTrue(failure.getMessage().contains(servers[generationServer].address()), failure.getMessage());
    // the failed clear changed nothing here: the old values are still served from the others
    servers[generationServer].thaw();
    String keyElsewhere = serverOfKey.entrySet().stream().filter(e -> e.getValue() != generationServer)
        .findFirst().orElseThrow().getKey();
    assertNotNull(cache.get(keyElsewhere));
  }
}
