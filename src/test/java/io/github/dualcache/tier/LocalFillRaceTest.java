package io.github.dualcache.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.jmx.LayerStatistics;
import io.github.dualcache.memcached.GlobalMemcached;
import io.github.dualcache.memcached.LocalMemcached;
import io.github.dualcache.settings.DualcacheSettings;
import io.github.dualcache.testing.MemcachedExtension;
import io.github.dualcache.testing.MemcachedServer;
import io.github.dualcache.testing.Settings;
import io.github.dualcache.time.ManualClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The local-fill race (DESIGN.md), forced deterministically on real memcached: a reader misses
 * locally, reads v1 from the global layer and is paused right after that read, before its local
 * fill; this JVM then writes v2 (the write returns); the reader is released. This JVM must serve
 * v2 from then on, for the whole local TTL, not the v1 the reader would put back.
 *
 * <p>The pause is a {@link GlobalLayer} that holds the reader's thread after its read returns, so
 * production code needs no test hook. What removal makes it fail: without the stamp checks in
 * {@code TieredStore.fill} (before and after {@code local.put}), or without the local memcached's
 * tombstones for another JVM on the box, the reader's v1 is served for the next local TTL.
 */
class LocalFillRaceTest {
  private static final Duration TTL = Duration.ofSeconds(1);
  private static final byte[] KEY = "k".getBytes(StandardCharsets.UTF_8);

  @RegisterExtension static final MemcachedExtension GLOBAL = new MemcachedExtension();

  private final List<AutoCloseable> open = new ArrayList<>();
  /** Every store's clock (the boxes' JVMs share the wall clock): reads after the write span the TTL. */
  private final ManualClock clock = new ManualClock();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable closeable : open) {
      closeable.close();
    }
  }

  /** One box's store of cache {@code name}: its own connections, the local layer asked for. */
  private TieredStore store(String name, String localType, MemcachedServer local, Paused paused,
      LayerStatistics statistics) {
    DualcacheSettings settings = local == null
        ? Settings.of("dualcache.global.servers", GLOBAL.address())
        : Settings.of("dualcache.global.servers", GLOBAL.address(), "dualcache.local.servers", local.address());
    GlobalMemcached global = new GlobalMemcached(settings, clock);
    open.add(global);
    LocalLayer localLayer;
    if (localType.equals("heap")) {
      localLayer = new HeapLocalLayer(100);
    } else {
      LocalMemcached localMemcached = new LocalMemcached(settings, clock);
      open.add(localMemcached);
      localLayer = localMemcached.cache(name, TTL, statistics);
    }
    GlobalLayer globalLayer = global.cache(name, TTL, statistics);
    return new TieredStore(paused == null ? globalLayer : paused.around(globalLayer), localLayer, TTL.toMillis(),
        clock::wallMillis, clock::wallMillis, statistics);
  }

  private static StoredEntry entry(String value) {
    return new StoredEntry(KEY, value.getBytes(StandardCharsets.UTF_8), (byte) 2, StoredEntry.ETERNAL);
  }

  /** A read as {@code Cache.get} does it for an immutable key: by the key object, then by its bytes. */
  /** A read as {@code Reads.get} makes it, which counts the local hits readLocal finds. */
  private static Versioned readByKeyObject(TieredStore store, LayerStatistics statistics) {
    StoredEntry copy = store.readLocal("k", System.currentTimeMillis());
    if (copy == null) {
      return store.readCached(KEY, "k");
    }
    statistics.localHit();
    return new Versioned(copy, Versioned.NO_VERSION, true);
  }

  private static String value(Versioned found) {
    return found.isPresent() ? new String(found.entry().value(), StandardCharsets.UTF_8) : null;
  }

  @ParameterizedTest(name = "local layer {0}, {1}")
  @ValueSource(strings = {"heap get", "heap getAll", "heap get-by-key-object", "memcached get", "memcached getAll"})
  void aPausedReadCannotPutBackTheValueThisJvmJustOverwrote(String how) throws Exception {
    String localType = how.split(" ")[0];
    LayerStatistics statistics = new LayerStatistics();
    statistics.countReads(true);
    Function<TieredStore, Versioned> read = how.endsWith("getAll")
        ? store -> store.readAllCached(Map.of("k", KEY)).get("k")
        : how.endsWith("key-object") ? store -> readByKeyObject(store, statistics) : store -> store.readCached(KEY);
    MemcachedServer local = localType.equals("memcached") ? startLocal() : null;
    Paused reader = new Paused();
    TieredStore store = store("race-" + UUID.randomUUID(), localType, local, reader, statistics);
    store.write(entry("v1"));

    reader.start(() -> value(read.apply(store)));
    reader.awaitPaused();
    store.write(entry("v2")); // returns while the reader still holds v1, before its local fill
    assertEquals("v1", reader.result(), "the reader read before the write, so it returns v1");

    long hitsBefore = statistics.getLocalHits();
    readV2ThroughTheLocalTtl(store, read);
    assertTrue(statistics.getLocalHits() - hitsBefore >= 1,
        "v2 itself must be served locally at least once (the local layer is in use)");
  }

  /**
   * DESIGN.md: the memcached local layer is "shared by every JVM on the box", and "a JVM never
   * serves an older value after its own write returned". Two stores with their own connections on
   * one local memcached stand for two JVMs on one box; the stamps guarding the fill are per JVM,
   * so only the local memcached's tombstones stop the other JVM's paused reader from putting v1
   * back after the writer's invalidation.
   */
  @Test
  void aPausedReaderInAnotherJvmOnTheBoxCannotShadowThisJvmsWrite() throws Exception {
    MemcachedServer sharedLocal = startLocal();
    String name = "race-box-" + UUID.randomUUID();
    TieredStore writer = store(name, "memcached", sharedLocal, null, new LayerStatistics());
    Paused paused = new Paused();
    TieredStore reader = store(name, "memcached", sharedLocal, paused, new LayerStatistics());
    writer.write(entry("v1"));

    paused.start(() -> value(reader.readCached(KEY)));
    paused.awaitPaused();
    writer.write(entry("v2"));
    assertEquals("v1", paused.result());
    readV2ThroughTheLocalTtl(writer, store -> store.readCached(KEY));
  }

  /**
   * Reads from 1 ms after the write (as on a real machine, time passes between a write and the
   * next read: a fill read in the same millisecond as the write's tombstone gives way to it) to
   * 0.9 TTL after it: a stale copy put back by the paused reader would be served in that window.
   */
  private void readV2ThroughTheLocalTtl(TieredStore store, Function<TieredStore, Versioned> read) {
    clock.advanceMillis(1);
    for (int i = 0; i < 10; i++) {
      assertEquals("v2", value(read.apply(store)), "read " + i + " after this JVM's own write of v2 returned");
      clock.advance(TTL.dividedBy(10));
    }
  }

  private MemcachedServer startLocal() {
    MemcachedServer local = MemcachedServer.start();
    open.add(local);
    return local;
  }

  /** Holds one reader thread, once, right after its global read returned: before its local fill. */
  private static final class Paused {
    private final CountDownLatch paused = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<String> result = new AtomicReference<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Thread thread;

    GlobalLayer around(GlobalLayer global) {
      return new GlobalLayer() {
        @Override
        public Versioned read(byte[] key) {
          return pauseAfter(global.read(key));
        }

        @Override
        public <T> Map<T, Versioned> readAll(Map<T, byte[]> keys) {
          return pauseAfter(global.readAll(keys));
        }

        @Override
        public void write(StoredEntry entry) {
          global.write(entry);
        }

        @Override
        public boolean compareAndSet(byte[] key, Versioned expected, StoredEntry next) {
          return global.compareAndSet(key, expected, next);
        }

        @Override
        public List<StoredEntry> scan() {
          return global.scan();
        }

        @Override
        public void clear() {
          global.clear();
        }

        @Override
        public String generation() {
          return global.generation();
        }

        @Override
        public int maxEntryBytes() {
          return global.maxEntryBytes();
        }
      };
    }

    private <T> T pauseAfter(T read) {
      if (Thread.currentThread() == thread && paused.getCount() > 0) {
        paused.countDown();
        try {
          if (!release.await(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return read;
    }

    void start(Supplier<String> read) {
      thread = new Thread(() -> {
        try {
          result.set(read.get());
        } catch (Throwable t) {
          failure.set(t);
        }
      }, "paused-reader");
      thread.setDaemon(true);
      thread.start();
    }

    void awaitPaused() throws InterruptedException {
      if (!paused.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("the reader never finished its global read (failure: " + failure.get() + ")");
      }
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
