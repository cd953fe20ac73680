package io.github.dualcache.memcached;

import io.github.dualcache.time.TimeSource;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.jmx.LayerStatistics;
import io.github.dualcache.testing.Boxes;
import io.github.dualcache.testing.MemcachedExtension;
import io.github.dualcache.testing.Settings;
import io.github.dualcache.tier.LocalLayer;
import io.github.dualcache.tier.LocalLayerContract;
import io.github.dualcache.tier.StoredEntry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.TestAbortedException;

/**
 * The memcached local layer on a real local memcached: the {@link LocalLayerContract}, and what
 * only a layer over a server does: it is shared by the JVMs of a box, and it fails.
 */
class MemcachedLocalLayerTest extends LocalLayerContract {
  @RegisterExtension static final MemcachedExtension LOCAL = new MemcachedExtension();

  private LocalMemcached server;
  private final LayerStatistics statistics = new LayerStatistics();

  /**
   * A local memcached call is capped at 100 ms and a failed one bypasses the layer for 1 s: on an
   * overloaded machine a contract check can then see a miss for want of an answer, which says
   * nothing about the contract. Such a test is reported as aborted, naming the failures.
   */
  @RegisterExtension
  final TestExecutionExceptionHandler overloaded = (context, thrown) -> {
    if (thrown instanceof AssertionError && statistics.getLocalFailures() > 0) {
      throw new TestAbortedException("the local memcached failed " + statistics.getLocalFailures()
          + " call(s) within its 100 ms cap (machine overloaded?), so this says nothing: " + thrown.getMessage(), thrown);
    }
    throw thrown;
  };

  @Override
  protected LocalLayer newLayer() {
    server = new LocalMemcached(Settings.of("dualcache.local.servers", LOCAL.address(), "dualcache.timeout", "1s"), TimeSource.SYSTEM);
    // a cache of its own per test: copies other tests left in the shared server are not this layer's
    return server.cache(Boxes.uniqueName("contract"), LOCAL_TTL, statistics);
  }

  @Override
  protected boolean sharedAcrossJvms() {
    return true;
  }

  @AfterEach
  void closeServer() {
    server.close();
  }

  /** Two layers over one local memcached stand for two JVMs on one box: a copy filled by one serves the other. */
  @Test
  void anotherJvmOnTheBoxIsServedThisJvmsCopyAndSeesItsInvalidation() {
    String cacheName = Boxes.uniqueName("shared");
    LocalMemcached otherJvm = new LocalMemcached(Settings.of("dualcache.local.servers", LOCAL.address()), TimeSource.SYSTEM);
    try {
      LocalLayer here = server.cache(cacheName, LOCAL_TTL, statistics);
      LocalLayer there = otherJvm.cache(cacheName, LOCAL_TTL, statistics);
      byte[] key = "k".getBytes(StandardCharsets.UTF_8);
      long now = System.currentTimeMillis();
      here.put("g", key, new StoredEntry(key, key, (byte) 1, StoredEntry.ETERNAL), now, now + LOCAL_TTL.toMillis());
      assertTrue(there.get("g", key, now) != null, "the other JVM is served the copy");
      here.invalidate("g", key);
      assertNull(there.get("g", key, now), "the other JVM sees the invalidation");
    } finally {
      otherJvm.close();
    }
  }

  /** LocalLayer: "implementations never throw": a local memcached that is gone gives misses and no-ops, counted. */
  @Test
  void aLocalMemcachedThatIsGoneGivesMissesNeverExceptionsAndIsCounted() {
    LocalMemcached gone = new LocalMemcached(Settings.of("dualcache.local.servers", "127.0.0.1:1", "dualcache.timeout", "100ms"), TimeSource.SYSTEM);
    LayerStatistics counted = new LayerStatistics();
    try {
      LocalLayer down = gone.cache(Boxes.uniqueName("down"), LOCAL_TTL, counted);
      byte[] key = "k".getBytes(StandardCharsets.UTF_8);
      long now = System.currentTimeMillis();
      assertDoesNotThrow(() -> down.put("g", key, new StoredEntry(key, key, (byte) 1, StoredEntry.ETERNAL), now, now + 1_000));
      assertNull(assertDoesNotThrow(() -> down.get("g", key, now)));
      assertDoesNotThrow(() -> down.invalidate("g", key));
      assertTrue(counted.getLocalFailures() >= 1, "failures are counted: " + counted.getLocalFailures());
    } finally {
      gone.close();
    }
  }
}
