package io.github.dualcache.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.testing.Boxes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The TCK only registers synchronous listeners; these guard the asynchronous ones. */
class AsynchronousListenerTest {
  @RegisterExtension final Boxes boxes = Boxes.withGlobalServers(1);
  private CacheManager manager;

  /** Records every event it sees, the thread it ran on, and can be made to fail. */
  public static final class Recorder implements CacheEntryCreatedListener<String, Integer>,
      CacheEntryUpdatedListener<String, Integer>, CacheEntryRemovedListener<String, Integer> {
    static final List<String> SEEN = Collections.synchronizedList(new ArrayList<>());
    static final List<Thread> THREADS = Collections.synchronizedList(new ArrayList<>());
    static volatile CountDownLatch expected = new CountDownLatch(0);
    static volatile boolean fail;

    private void record(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      for (CacheEntryEvent<? extends String, ? extends Integer> event : events) {
        THREADS.add(Thread.currentThread());
        SEEN.add(event.getEventType() + " " + event.getKey() + "=" + event.getValue());
        expected.countDown();
      }
      if (fail) {
        throw new IllegalStateException("listener failure the caller must not see");
      }
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      record(events);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      record(events);
    }

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> events) {
      record(events);
    }
  }

  @BeforeEach
  void start() {
    manager = boxes.manager();
    Recorder.SEEN.clear();
    Recorder.THREADS.clear();
    Recorder.fail = false;
  }

  private Cache<String, Integer> cacheWithAsyncRecorder() {
    return manager.createCache("async", new MutableConfiguration<String, Integer>()
        .setTypes(String.class, Integer.class)
        .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
            FactoryBuilder.factoryOf(Recorder.class), null, false, false)));
  }

  @Test
  void eventsOfAKeyArriveInOrderOnAnotherThread() throws InterruptedException {
    Cache<String, Integer> cache = cacheWithAsyncRecorder();
    Recorder.expected = new CountDownLatch(50 * 3);
    for (int i = 0; i < 50; i++) {
      cache.put("k", i);
      cache.put("k", i + 1000);
      cache.remove("k");
    }
    assertTrue(Recorder.expected.await(10, TimeUnit.SECONDS), "events delivered: " + Recorder.SEEN.size());
    List<String> want = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      want.add("CREATED k=" + i);
      want.add("UPDATED k=" + (i + 1000));
      want.add("REMOVED k=null");
    }
    assertEquals(want, Recorder.SEEN);
    Recorder.THREADS.forEach(thread -> assertNotEquals(Thread.currentThread(), thread));
  }

  @Test
  void aFailingAsynchronousListenerDoesNotFailTheCall() throws InterruptedException {
    Cache<String, Integer> cache = cacheWithAsyncRecorder();
    Recorder.fail = true;
    Recorder.expected = new CountDownLatch(2);
    cache.put("a", 1);
    cache.put("b", 2);
    assertTrue(Recorder.expected.await(10, TimeUnit.SECONDS));
    assertEquals(2, (int) cache.get("b"));
  }
}
