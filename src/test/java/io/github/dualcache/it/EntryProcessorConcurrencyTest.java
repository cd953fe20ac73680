package io.github.dualcache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dualcache.testing.Boxes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** invoke() is atomic on the global layer: concurrent increments from two managers all count. */
class EntryProcessorConcurrencyTest {

  private static final int MANAGERS = 2;
  private static final int THREADS_PER_MANAGER = 4;
  private static final int INCREMENTS_PER_THREAD = 200;

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  static final class Increment implements EntryProcessor<String, Integer, Integer> {
    @Override
    public Integer process(MutableEntry<String, Integer> entry, Object... arguments) {
      int next = (entry.exists() ? entry.getValue() : 0) + 1;
      entry.setValue(next);
      return next;
    }
  }

  @Test
  void concurrentIncrementsFromTwoManagersAreNotLost() throws Exception {
    List<Cache<String, Integer>> caches = new ArrayList<>();
    for (int i = 0; i < MANAGERS; i++) {
      CacheManager manager = BOXES.manager("dualcache.timeout", "2s");
      caches.add(manager.createCache("counters",
          new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class)));
    }
    caches.get(0).put("counter", 0);

    int threads = MANAGERS * THREADS_PER_MANAGER;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Cache<String, Integer> cache = caches.get(t % MANAGERS);
        workers.add(pool.submit(() -> {
          start.await();
          Increment increment = new Increment();
          for (int i = 0; i < INCREMENTS_PER_THREAD; i++) {
            cache.invoke("counter", increment);
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> worker : workers) {
        worker.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    int expected = threads * INCREMENTS_PER_THREAD;
    for (Cache<String, Integer> cache : caches) {
      assertEquals(expected, cache.get("counter"));
    }
  }
}
