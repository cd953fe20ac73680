package io.github.dualcache.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dualcache.testing.Boxes;
import io.github.dualcache.testing.MemcachedServer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import javax.cache.Cache;
import javax.cache.CacheException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The global memcached killed ({@code kill -9}) in the middle of a load and restarted, empty, on the
 * same port. During the outage every call ends within the timeout + 100 ms (a server without a
 * connection fails at once) and only {@link CacheException} is thrown; once it is back, the cache
 * works again; and at no time is a value served that is older than the last acknowledged write of
 * its key, nor a removed value, in the writing JVM (which has a heap local layer) or, beyond its
 * local TTL, in another one (a second CacheManager with its own heap local layer).
 *
 * <p>Each key has one writer, which stores increasing sequence numbers and sometimes removes the
 * key, and knows when each of its writes was acknowledged. A read may return null (memcached lost
 * the data when it was killed), a value at least as new as the last acknowledged write, or the
 * value of a write that failed (it may have landed).
 *
 * <p>What removing each guard does (checked by removing it): a JVM that keeps its local copies
 * after its own write ({@code TieredStore} not invalidating) reads old values (thousands of
 * violations); re-creating the token this JVM last knew when its server comes back empty, instead
 * of a new random one, brings back the values another JVM had cleared (second test); re-reading
 * the token only after the backoff, not as soon as its server is reconnected, serves the old
 * generation's value after the first call through (third test; the first one sees that race only
 * when the two JVMs reconnect far enough apart, rarely). Not caught
 * here, and why: spymemcached's {@code Retry} failure mode instead of {@code Cancel} (our own
 * deadline cancels the queued writes, so there is nothing to replay) and its default reconnect
 * delay (a 1 s outage reconnects after its first 1 s delay anyway).
 */
class GlobalKillRestartTest {
  static final long TIMEOUT_MILLIS = 250;
  static final long BOUND_MILLIS = TIMEOUT_MILLIS + 100;
  static final long LOCAL_TTL_MILLIS = 200;
  private static final int WRITERS = 6;
  private static final int KEYS_PER_WRITER = 4;

  @RegisterExtension final Boxes boxes = Boxes.overServersOfTheTest();
  private MemcachedServer server;

  @AfterEach
  void stop() {
    boxes.close();
    if (server != null) {
      server.close();
    }
  }

  /** The acknowledged writes of one key: sequence numbers (negative for a removal) and when. */
  private static final class History {
    private final List<long[]> acked = Collections.synchronizedList(new ArrayList<>());

    void acked(long seq, long atNanos) {
      acked.add(new long[] {seq, atNanos});
    }

    /** The sequence number of the last write acknowledged at or before {@code nanos}; 0 for none. */
    long lastAckedBy(long nanos) {
      long last = 0;
      synchronized (acked) {
        for (long[] write : acked) {
          if (write[1] - nanos <= 0) {
            last = Math.abs(write[0]);
          }
        }
      }
      return last;
    }
  }

  @Test
  void noOldOrRemovedValueIsServedAcrossAKillAndAnEmptyRestart() throws Exception {
    server = MemcachedServer.start();
    String name = Boxes.uniqueName("kill");
    String[] settings = {"dualcache.timeout", TIMEOUT_MILLIS + "ms", "dualcache.local.type", "heap",
        "dualcache.local.ttl", LOCAL_TTL_MILLIS + "ms"};
    Cache<String, String> writerCache = boxes.managerOn(server.address(), settings).createCache(name, Boxes.strings());
    Cache<String, String> readerCache = boxes.managerOn(server.address(), settings).createCache(name, Boxes.strings());

    Map<String, History> histories = new ConcurrentHashMap<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < WRITERS * KEYS_PER_WRITER; i++) {
      keys.add("k" + i);
      histories.put("k" + i, new History());
    }
    List<String> violations = Collections.synchronizedList(new ArrayList<>());
    List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    AtomicLong outageMaxNanos = new AtomicLong();
    LongAdder outageCalls = new LongAdder();
    LongAdder nullsAfterAckedWrite = new LongAdder();
    LongAdder succeededAfterRestart = new LongAdder();
    AtomicLong phase = new AtomicLong(); // 0 before the kill, 1 during the outage, 2 after the restart
    AtomicBoolean running = new AtomicBoolean(true);

    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      List<String> own = keys.subList(w * KEYS_PER_WRITER, (w + 1) * KEYS_PER_WRITER);
      threads.add(new Thread(() -> {
        long seq = 0;
        long[] lastAcked = new long[own.size()];
        while (running.get()) {
          for (int k = 0; k < own.size(); k++) {
            String key = own.get(k);
            seq++;
            boolean remove = seq % 5 == 0;
            long thisSeq = seq;
            long startPhase = phase.get();
            long start = System.nanoTime();
            try {
              if (remove) {
                writerCache.remove(key);
              } else {
                writerCache.put(key, Long.toString(thisSeq));
              }
              lastAcked[k] = thisSeq;
              histories.get(key).acked(remove ? -thisSeq : thisSeq, System.nanoTime());
              if (startPhase == 2) {
                succeededAfterRestart.increment();
              }
            } catch (CacheException e) {
              // may or may not have landed: a later read may see it, it is newer than what was acked
            } catch (RuntimeException e) {
              unexpected.add((remove ? "remove " : "put ") + key + " threw " + e);
            }
            timed(startPhase, start, outageMaxNanos, outageCalls);
            start = System.nanoTime();
            try {
              String value = writerCache.get(key);
              long got = value == null ? -1 : Long.parseLong(value);
              if (value == null && lastAcked[k] > 0 && lastAcked[k] % 5 != 0) {
                nullsAfterAckedWrite.increment();
              }
              if (value != null && got < lastAcked[k]) {
                violations.add("writer read " + key + "=" + got + " after its write " + lastAcked[k]
                    + " was acknowledged (phase " + startPhase + ")");
              }
            } catch (CacheException e) {
              // the outage
            } catch (RuntimeException e) {
              unexpected.add("get " + key + " threw " + e);
            }
            timed(startPhase, start, outageMaxNanos, outageCalls);
          }
          LockSupport.parkNanos(500_000);
        }
      }, "kill-writer-" + w));
    }
    for (int r = 0; r < 2; r++) {
      threads.add(new Thread(() -> {
        while (running.get()) {
          String key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
          long startPhase = phase.get();
          long start = System.nanoTime();
          try {
            String value = readerCache.get(key);
            // another JVM may lag by its local TTL (its copies and its copy of the generation)
            long required = histories.get(key).lastAckedBy(start - TimeUnit.MILLISECONDS.toNanos(LOCAL_TTL_MILLIS + 20));
            if (value != null && Long.parseLong(value) < required) {
              violations.add("reader read " + key + "=" + value + ", older than write " + required
                  + " acknowledged more than the local TTL before (phase " + startPhase + ")");
            }
          } catch (CacheException e) {
            // the outage
          } catch (RuntimeException e) {
            unexpected.add("reader get " + key + " threw " + e);
          }
          timed(startPhase, start, outageMaxNanos, outageCalls);
          LockSupport.parkNanos(500_000);
        }
      }, "kill-reader-" + r));
    }
    threads.forEach(thread -> {
      thread.setDaemon(true);
      thread.start();
    });

    Faults.sleep(500);
    int port = server.port();
    StallMeter stalls = new StallMeter();
    phase.set(1);
    server.close(); // SIGKILL
    Faults.sleep(1_000);
    server = MemcachedServer.startOn(port);
    long restarted = System.nanoTime();
    phase.set(2);
    Faults.sleep(BOUND_MILLIS); // calls that started during the outage end
    long stallMillis = stalls.takeMaxMillis();
    stalls.close();
    while (succeededAfterRestart.sum() == 0 && System.nanoTime() - restarted < TimeUnit.SECONDS.toNanos(10)) {
      Faults.sleep(10);
    }
    long recoveryMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restarted) - BOUND_MILLIS;
    Faults.sleep(800);
    running.set(false);
    for (Thread thread : threads) {
      thread.join(10_000);
      assertTrue(!thread.isAlive(), thread.getName() + " is stuck: " + List.of(thread.getStackTrace()));
    }

    System.out.printf("[kill and restart] outage: %d calls, slowest %d ms (JVM stalled at most %d ms); writes work "
        + "again %d ms after the restart; %d reads found nothing after an acknowledged put (data lost with the "
        + "server); %d violations%n",
        outageCalls.sum(), TimeUnit.NANOSECONDS.toMillis(outageMaxNanos.get()), stallMillis, recoveryMillis,
        nullsAfterAckedWrite.sum(), violations.size());
    assertEquals(List.of(), unexpected, "only CacheException may be thrown");
    assertEquals(List.of(), violations.subList(0, Math.min(10, violations.size())));
    assertTrue(outageCalls.sum() > 100, "too few calls during the outage");
    assertTrue(succeededAfterRestart.sum() > 0, "no write succeeded within 10 s of the restart");
    assumeTrue(Faults.measurable("kill and restart", stallMillis), "the machine was too loaded to time calls");
    assertTrue(TimeUnit.NANOSECONDS.toMillis(outageMaxNanos.get()) <= BOUND_MILLIS + stallMillis,
        "a call took " + TimeUnit.NANOSECONDS.toMillis(outageMaxNanos.get()) + " ms during the outage; the bound is "
        + BOUND_MILLIS + " ms (+ " + stallMillis + " ms the JVM stalled)");
    // spymemcached reconnects after 1 s, then every 2 s (setMaxReconnectDelay(2))
    assertTrue(recoveryMillis <= 3_000, "writes failed for " + recoveryMillis + " ms after the restart");
  }

  /**
   * Three servers. Another JVM clears the cache; before this JVM re-reads the token, the token's
   * server is killed: this JVM goes on with the token it knew (the documented price: it does not
   * see that clear meanwhile). The server comes back empty, without any token: the token this JVM
   * then makes is a new random one, so the values from before the clear, still on the two other
   * servers under the old token, never come back, in either JVM. Re-creating the token this JVM
   * last knew (tempting: it would keep the cache's data) would bring them all back.
   */
  @Test
  void valuesClearedElsewhereDoNotComeBackWhenTheTokensServerRestartsEmpty() {
    MemcachedServer[] servers = {MemcachedServer.start(), MemcachedServer.start(), MemcachedServer.start()};
    try {
      String addresses = servers[0].address() + "," + servers[1].address() + "," + servers[2].address();
      String name = Boxes.uniqueName("restart");
      String[] settings = {"dualcache.timeout", TIMEOUT_MILLIS + "ms", "dualcache.local.ttl", "300ms"};
      Cache<String, String> here = boxes.managerOn(addresses, settings).createCache(name, Boxes.strings());
      Cache<String, String> elsewhere = boxes.managerOn(addresses, settings).createCache(name, Boxes.strings());
      for (int i = 0; i < 30; i++) {
        int n = i;
        Faults.setUp(() -> here.put("k" + n, "before-clear"));
      }
      int tokenServer = -1;
      for (int s = 0; s < servers.length; s++) {
        if (servers[s].rawGet("dualcache:" + name + ":gen") != null) {
          tokenServer = s;
        }
      }
      assertTrue(tokenServer >= 0, "no server holds the token");
      String onTokenServer = keyOn(servers[tokenServer], here);

      elsewhere.clear();
      int port = servers[tokenServer].port();
      servers[tokenServer].close(); // before "here" re-reads the token
      Faults.sleep(400); // "here" now goes on with the token it knew: the clear is not seen yet
      servers[tokenServer] = MemcachedServer.startOn(port);

      // until this JVM talks to the token's server again, it keeps the last token it knew (documented)
      awaitWritable(here, onTokenServer);
      awaitWritable(elsewhere, onTokenServer);
      Faults.sleep(300 + TIMEOUT_MILLIS + 100); // past the local TTL and the re-read's backoff
      long clearedKeys = 0;
      List<String> comeBack = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        for (Cache<String, String> cache : List.of(here, elsewhere)) {
          String value = readOnceReconnected(cache, "k" + i);
          if ("before-clear".equals(value)) {
            comeBack.add((cache == here ? "here" : "elsewhere") + " k" + i);
          } else {
            clearedKeys++;
          }
        }
      }
      System.out.printf("[kill and restart] token's server restarted empty after a clear elsewhere: %d reads "
          + "found nothing, %d found a value from before the clear%n", clearedKeys, comeBack.size());
      assertEquals(List.of(), comeBack, "values from before the clear came back");
    } finally {
      for (MemcachedServer server : servers) {
        server.close();
      }
    }
  }

  /**
   * Three servers; this JVM keeps calling while the token's server is down (it goes on with the
   * token it knew, and fails to re-read it at every backoff). The server comes back empty, and a
   * new JVM writes a key on a healthy server, under the new token it had to make. From the first
   * call this JVM gets through to the token's server, it must read the new token, not go on with
   * the old one until its backoff ends: that would serve the old generation's value while the
   * newer write was acknowledged (and, with several JVMs, let one of them write under the old
   * generation after the restart, where the others no longer look).
   */
  @Test
  void oneCallThroughToTheRestartedTokenServerIsEnoughToLeaveTheOldGeneration() {
    MemcachedServer[] servers = {MemcachedServer.start(), MemcachedServer.start(), MemcachedServer.start()};
    try {
      String addresses = servers[0].address() + "," + servers[1].address() + "," + servers[2].address();
      String name = Boxes.uniqueName("reconnect");
      String[] settings = {"dualcache.timeout", TIMEOUT_MILLIS + "ms", "dualcache.local.ttl", "100ms"};
      Cache<String, String> here = boxes.managerOn(addresses, settings).createCache(name, Boxes.strings());
      Faults.setUp(() -> here.get("warm-up"));
      int tokenServer = -1;
      for (int s = 0; s < servers.length; s++) {
        if (servers[s].rawGet("dualcache:" + name + ":gen") != null) {
          tokenServer = s;
        }
      }
      int other = (tokenServer + 1) % servers.length;
      String onTokenServer = keyOn(servers[tokenServer], here);
      String elsewhere = keyOn(servers[other], here);
      Faults.setUp(() -> here.put(elsewhere, "old"));

      int port = servers[tokenServer].port();
      servers[tokenServer].close();
      long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
      while (System.nanoTime() < until) { // calls during the outage: the re-reads fail, the backoff runs
        try {
          here.get(elsewhere);
        } catch (CacheException e) {
          // not expected for a key elsewhere, but not what this test checks
        }
        Faults.sleep(1);
      }
      servers[tokenServer] = MemcachedServer.startOn(port);
      Cache<String, String> newcomer = boxes.managerOn(addresses, settings).createCache(name, Boxes.strings());
      Faults.setUp(() -> newcomer.put(elsewhere, "new"));

      boolean through = false;
      List<String> seen = new ArrayList<>();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
      while (System.nanoTime() < deadline && seen.size() < 50) {
        if (!through) {
          try {
            here.get(onTokenServer);
            through = true; // this JVM has a connection to the token's server again
          } catch (CacheException e) {
            Faults.sleep(1);
            continue;
          }
        }
        seen.add(here.get(elsewhere));
      }
      System.out.printf("[kill and restart] reads after the first call through to the restarted token server: %s%n",
          seen.stream().distinct().toList());
      assertTrue(through, "this JVM never got through to the restarted server");
      assertEquals(List.of("new"), seen.stream().distinct().toList(),
          "this JVM read the old generation after it could read the new token");
    } finally {
      for (MemcachedServer server : servers) {
        server.close();
      }
    }
  }

  /** A key that {@code cache} stores on {@code server}. */
  private static String keyOn(MemcachedServer server, Cache<String, String> cache) {
    for (int i = 0; i < 200; i++) {
      long before = Long.parseLong(server.stats().get("curr_items"));
      int n = i;
      Faults.setUp(() -> cache.put("probe" + n, "x"));
      if (Long.parseLong(server.stats().get("curr_items")) > before) {
        return "probe" + i;
      }
    }
    throw new AssertionError("no key lands on " + server);
  }

  /** Waits until a write through {@code cache} to {@code key}'s server succeeds (reconnected). */
  private static void awaitWritable(Cache<String, String> cache, String key) {
    long start = System.nanoTime();
    while (true) {
      try {
        cache.put(key, "x");
        return;
      } catch (CacheException e) {
        if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(5)) {
          throw new AssertionError("still failing 5 s after the restart", e);
        }
        Faults.sleep(20);
      }
    }
  }

  /** A read, retried while the manager reconnects to the restarted server (spymemcached: 1 s, then 2 s). */
  private static String readOnceReconnected(Cache<String, String> cache, String key) {
    long start = System.nanoTime();
    while (true) {
      try {
        return cache.get(key);
      } catch (CacheException e) {
        if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(5)) {
          throw new AssertionError("still failing 5 s after the restart", e);
        }
        Faults.sleep(20);
      }
    }
  }

  private static void timed(long phase, long startNanos, AtomicLong maxNanos, LongAdder calls) {
    if (phase != 1) {
      return;
    }
    calls.increment();
    long took = System.nanoTime() - startNanos;
    maxNanos.accumulateAndGet(took, Math::max);
  }
}
