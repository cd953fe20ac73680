package io.github.dualcache.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.dualcache.memcached.SmallQueues;
import io.github.dualcache.testing.Boxes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * spymemcached's operation queues for a server full (queues of 2 here, a frozen server, 16
 * callers at once): a caller that finds no room waits at most the timeout and gets a
 * {@link CacheException} saying the queue stayed full, naming the server; never spymemcached's
 * {@code IllegalStateException}, never its default 10 s wait. Closing the CacheManager then
 * (spymemcached's shutdown queues an operation per server too) does not throw either.
 *
 * <p>What removing each guard does (checked by removing it): without
 * {@code setOpQueueMaxBlockTime} the callers wait 10 s for room; without the translation in
 * {@code MemcachedCluster.Call.send}, an {@code IllegalStateException} escapes from the cache;
 * without the catch in {@code MemcachedCluster.close}, one escapes from {@code CacheManager.close()}.
 */
class QueueSaturationTest {
  static final long TIMEOUT_MILLIS = 250;
  static final long BOUND_MILLIS = TIMEOUT_MILLIS + 100;
  private static final int CALLERS = 16;

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  @Test
  void aFullQueueIsABoundedWaitAndAClearError() throws InterruptedException {
    Cache<String, String> cache;
    SmallQueues small = SmallQueues.ofCapacity(2);
    try {
      cache = BOXES.manager("dualcache.timeout", TIMEOUT_MILLIS + "ms")
          .createCache(Boxes.uniqueName("queue"), Boxes.strings());
    } finally {
      small.close();
    }
    Faults.setUp(() -> cache.put("k", "v")); // reads the server's item size and the generation while it answers

    Faults.freeze(BOXES.global());
    CountDownLatch go = new CountDownLatch(1);
    List<String> messages = Collections.synchronizedList(new ArrayList<>());
    List<Throwable> unexpected = Collections.synchronizedList(new ArrayList<>());
    AtomicLong slowestNanos = new AtomicLong();
    List<Thread> callers = new ArrayList<>();
    long stallMillis;
    try (StallMeter stalls = new StallMeter()) {
      for (int i = 0; i < CALLERS; i++) {
        int n = i;
        Thread caller = new Thread(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            return;
          }
          long start = System.nanoTime();
          try {
            cache.put("key" + n, "value");
            unexpected.add(new AssertionError("a put succeeded on a frozen server"));
          } catch (CacheException e) {
            messages.add(e.getMessage());
          } catch (Throwable t) {
            unexpected.add(t);
          } finally {
            slowestNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
          }
        }, "queue-caller-" + i);
        caller.setDaemon(true);
        caller.start();
        callers.add(caller);
      }
      go.countDown();
      for (Thread caller : callers) {
        caller.join(20_000);
        assertFalse(caller.isAlive(), caller.getName() + " is stuck: " + List.of(caller.getStackTrace()));
      }
      stallMillis = stalls.takeMaxMillis();
    }
    // spymemcached's shutdown queues an operation per server too: closing must not throw
    long closing = System.nanoTime();
    cache.getCacheManager().close();
    long closeMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - closing);
    BOXES.global().thaw();

    long slowest = TimeUnit.NANOSECONDS.toMillis(slowestNanos.get());
    long queueFull = messages.stream().filter(m -> m.contains("queue")).count();
    System.out.printf("[queue saturation] %d callers: slowest %d ms (JVM stalled at most %d ms); %d told the queue "
        + "stayed full, e.g. \"%s\"; the manager closed in %d ms%n", CALLERS, slowest, stallMillis, queueFull,
        messages.stream().filter(m -> m.contains("queue")).findFirst().orElse("-"), closeMillis);
    assertEquals(List.of(), unexpected, "only CacheException may be thrown");
    assertEquals(CALLERS, messages.size());
    // On a loaded machine spymemcached may drop and reopen the frozen server's connection first,
    // cancelling what it queued: those callers get a prompt CacheException naming the server too.
    long cancelled = messages.stream().filter(m -> m.contains("Cancelled")).count();
    assertTrue(queueFull > 0 || cancelled > 0, "no caller was told the queue was full: " + messages);
    assertTrue(messages.stream().allMatch(m -> m.contains(BOXES.globalServers())), "a message does not name the server: "
        + messages);
    assumeTrue(Faults.measurable("queue saturation", stallMillis), "the machine was too loaded to time calls");
    assertTrue(slowest <= BOUND_MILLIS + stallMillis, "a caller waited " + slowest + " ms; the bound is "
        + BOUND_MILLIS + " ms (+ " + stallMillis + " ms the JVM stalled)");
  }
}
