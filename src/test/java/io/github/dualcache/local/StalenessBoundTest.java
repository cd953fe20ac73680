package io.github.dualcache.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dualcache.testing.Boxes;
import io.github.dualcache.time.ManualClock;
import java.time.Duration;
import javax.cache.Cache;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The staleness bound between boxes: box B, holding a local copy of k, keeps serving it for a
 * while after box A overwrote k, and serves A's value at the latest one local TTL after A's write
 * returned. Each box is a CacheManager with its own local layer (heap, or its own local memcached
 * process) over one shared global memcached. Both boxes read one {@link ManualClock}, so the test
 * drives the TTL instead of sleeping through it; memcached's own TTL for the copies is whole
 * seconds of real time, longer than the test, so only dualcache's deadline decides.
 *
 * <p>What removal makes it fail:
 * <ul>
 *   <li>no local layer (or B's local copy not served): B's first read after the write returns v2,
 *       not v1;
 *   <li>local copies that outlive the local TTL (e.g. {@code localUntil} not applied in
 *       {@code TieredStore.fill} or not checked by the layer's {@code get}): B still reads v1 one
 *       local TTL after it filled its copy, so after A's write;
 *   <li>copies that die early: B reads v2 one millisecond before its copy's TTL ends;
 *   <li>a local layer that serves something never written, or goes back from v2 to v1.
 * </ul>
 * Verified by temporarily making {@code TieredStore.fill} keep copies for 10x the TTL (both
 * variants fail: B still serves v1 once the TTL has passed).
 */
class StalenessBoundTest {

  private static final Duration TTL = Duration.ofMillis(300);

  private final ManualClock clock = new ManualClock();
  @RegisterExtension final Boxes boxes = Boxes.withGlobalServers(1).onClock(clock);

  @ParameterizedTest(name = "local layer {0}")
  @ValueSource(strings = {"heap", "memcached"})
  void anotherBoxSeesAWriteNotBeforeItHappensAndAtLatestOneLocalTtlAfter(String localType) {
    String name = Boxes.uniqueName("staleness-" + localType);
    Cache<String, String> a = boxes.open(localType, TTL).manager().createCache(name, Boxes.strings());
    Cache<String, String> b = boxes.open(localType, TTL).manager().createCache(name, Boxes.strings());

    a.put("k", "v1");
    assertEquals("v1", b.get("k"), "B reads A's first value (and keeps a local copy)");
    clock.advance(TTL.dividedBy(3));
    assertEquals("v1", b.get("k"), "before A's second write B can only see v1");

    a.put("k", "v2");
    assertEquals("v1", b.get("k"), "right after A's write B must still be served its local copy: is the local layer in use?");
    clock.advance(TTL.minus(TTL.dividedBy(3)).minusMillis(1));
    assertEquals("v1", b.get("k"), "B's copy may be served until one local TTL after B filled it");

    clock.advanceMillis(1); // one TTL after B's fill, which came before A's write
    assertEquals("v2", b.get("k"), "one local TTL after B filled its copy, B must see A's write");
    for (int i = 0; i < 5; i++) {
      clock.advance(TTL.dividedBy(2));
      assertEquals("v2", b.get("k"), "B went back to v1, or saw something never written");
    }
  }
}
