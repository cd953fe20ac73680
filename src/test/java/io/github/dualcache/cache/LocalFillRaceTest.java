package io.github.dualcache.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.local.Boxes;
import io.github.dualcache.testing.MemcachedExtension;
import io.github.dualcache.testing.MemcachedServer;
import io.github.dualcache.tier.FillHook;
import io.github.dualcache.tier.TieredStore;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local-fill race (DESIGN.md), forced deterministically: a reader misses locally, reads v1
 * from the global layer and is paused by {@link TieredStore#fillHook} just before its local fill;
 * this JVM then writes v2 (the write returns); the reader is released. This JVM must serve v2 from
 * then on, for the whole local TTL window, not the v1 the reader would put back.
 *
 * <p>What removal makes it fail: without the stamp checks in {@code TieredStore.fill} (both the
 * one before and the one after {@code local.put}), the reader stores v1 and every read for the
 * next local TTL (1 s) returns v1. Verified by commenting out both checks: both parameterized
 * tests fail with "expected v2 but was v1", for heap and memcached. (Removing only the check
 * before the fill does not make it fail: the check after the fill then drops the copy, which is
 * what that second check is for.)
 */
class LocalFillRaceTest {

  private static final Duration TTL = Duration.ofSeconds(1);

  @RegisterExtension static final MemcachedExtension GLOBAL = new MemcachedExtension();

  private Boxes boxes;

  @BeforeEach
  void openBoxes() {
    boxes = new Boxes(GLOBAL.address());
  }

  @AfterEach
  void closeBoxes() {
    boxes.close();
  }

  @ParameterizedTest(name = "local layer {0}")
  @ValueSource(strings = {"heap", "memcached"})
  void aPausedGetCannotPutBackTheValueThisJvmJustOverwrote(String localType) throws Exception {
    Cache<String, String> cache = boxes.open(localType, TTL).manager().createCache(Boxes.uniqueName("race"), Boxes.strings());
    raceAndCheck(cache, c -> c.get("k"));
  }

  @ParameterizedTest(name = "local layer {0}")
  @ValueSource(strings = {"heap", "memcached"})
  void aPausedGetAllCannotPutBackTheValueThisJvmJustOverwrote(String localType) throws Exception {
    Cache<String, String> cache = boxes.open(localType, TTL).manager().createCache(Boxes.uniqueName("race-all"), Boxes.strings());
    raceAndCheck(cache, c -> c.getAll(Set.of("k")).get("k"));
  }

  private static void raceAndCheck(Cache<String, String> cache, Function<Cache<String, String>, String> read)
      throws Exception {
    DualcacheCache<?, ?> dualcache = cache.unwrap(DualcacheCache.class);
    TieredStore store = dualcache.store();
    cache.put("k", "v1");

    Paused reader = new Paused(() -> read.apply(cache));
    store.fillHook(reader::pauseHere);
    try {
      reader.start();
      reader.awaitPaused();
      cache.put("k", "v2"); // returns while the reader still holds v1, before its local fill
      reader.release();
      assertEquals("v1", reader.result(), "the reader read before the write, so it returns v1");
    } finally {
      store.fillHook(FillHook.NONE);
    }

    long hitsBefore = dualcache.layerStatistics().getLocalHits();
    long start = System.nanoTime();
    for (int i = 0; i < 10; i++) {
      assertEquals("v2", cache.get("k"), "read " + i + " after this JVM's own write of v2 returned");
      Thread.sleep(30);
    }
    long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(elapsedMillis < TTL.toMillis(),
        "the reads took " + elapsedMillis + " ms, longer than the local TTL: a stale copy could have aged out unseen");
    assertTrue(dualcache.layerStatistics().getLocalHits() - hitsBefore >= 8,
        "v2 itself must be served locally (the local layer is in use): "
            + (dualcache.layerStatistics().getLocalHits() - hitsBefore) + " local hits in 10 reads");
  }

  /**
   * DESIGN.md: the memcached local layer is "shared by every JVM on the box", and "a JVM never
   * serves an older value after its own write returned". Two managers on one local memcached stand
   * for two JVMs on one box. The stamps guarding the fill are per JVM (per TieredStore), so the
   * other JVM's paused reader puts v1 back into the shared local memcached after the writer
   * deleted it, and the writer then serves v1 after its own write of v2 returned, for up to the
   * local TTL.
   *
   * <p>Guarded by the local memcached's tombstones: the writer's invalidation leaves one, and a fill
   * may replace it only with a value whose global read started after it was made.
   */
  @Test
  void aPausedReaderInAnotherJvmOnTheBoxCannotShadowThisJvmsWrite() throws Exception {
    Boxes.Box writerBox = boxes.open("memcached", TTL);
    MemcachedServer sharedLocal = writerBox.localServer();
    Boxes.Box readerBox = boxes.openOn(sharedLocal, TTL);
    String name = Boxes.uniqueName("race-box");
    Cache<String, String> writer = writerBox.manager().createCache(name, Boxes.strings());
    Cache<String, String> reader = readerBox.manager().createCache(name, Boxes.strings());
    TieredStore readerStore = reader.unwrap(DualcacheCache.class).store();
    writer.put("k", "v1");

    Paused paused = new Paused(() -> reader.get("k"));
    readerStore.fillHook(paused::pauseHere);
    try {
      paused.start();
      paused.awaitPaused();
      writer.put("k", "v2");
      paused.release();
      assertEquals("v1", paused.result());
    } finally {
      readerStore.fillHook(FillHook.NONE);
    }
    for (int i = 0; i < 10; i++) {
      assertEquals("v2", writer.get("k"), "read " + i + " in the writing JVM after its own write of v2 returned");
      Thread.sleep(30);
    }
  }

  /** A thread running one read that pauses in the fill hook until released. */
  private static final class Paused {
    private final CountDownLatch paused = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<String> result = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Thread thread;

    Paused(Supplier<String> read) {
      thread = new Thread(() -> {
        try {
          result.set(read.get());
        } catch (Throwable t) {
          failure.set(t);
        }
      }, "paused-reader");
      thread.setDaemon(true);
    }

    /** The fill hook: pauses only the reader thread, only once. */
    void pauseHere(byte[] key) {
      if (Thread.currentThread() != thread || paused.getCount() == 0) {
        return;
      }
      paused.countDown();
      try {
        if (!release.await(20, TimeUnit.SECONDS)) {
          throw new IllegalStateException("never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    void start() {
      thread.start();
    }

    void awaitPaused() throws InterruptedException {
      if (!paused.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the reader never reached its local fill (failure: " + failure.get() + ")");
      }
    }

    void release() {
      release.countDown();
    }

    String result() throws Exception {
      release.countDown();
      thread.join(10_000);
      assertFalse(thread.isAlive(), "the reader did not finish");
      if (failure.get() != null) {
        throw new AssertionError("the reader failed", failure.get());
      }
      return result.get();
    }
  }
}
