package io.github.dualcache.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dualcache.testing.Boxes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The staleness bound between boxes: box B, holding a local copy of k, keeps serving it for a
 * while after box A overwrote k, and serves A's value at the latest one local TTL after A's write
 * returned. Each box is a CacheManager with its own local layer (heap, or its own local memcached
 * process) over one shared global memcached.
 *
 * <p>What removal makes it fail:
 * <ul>
 *   <li>no local layer (or B's local copy not served): B's first read after the write returns v2,
 *       not v1 ({@code firstReadAfterWrite} assertion);
 *   <li>local copies that outlive the local TTL (e.g. {@code localUntil} not applied in
 *       {@code TieredStore.fill} or not checked by the layer's {@code get}): B still reads v1 more
 *       than TTL + 50 ms after the write ({@code lastV1} assertion);
 *   <li>a local layer that serves something never written, or goes back from v2 to v1.
 * </ul>
 * Verified by temporarily making {@code TieredStore.fill} keep copies for 10x the TTL (both
 * variants fail: B still serves v1 TTL + 300 ms after the write) and by forcing
 * {@code LocalLayer.NONE} in the CacheManager (both fail: B's first read after the write is v2).
 */
class StalenessBoundTest {

  private static final Duration TTL = Duration.ofMillis(300);
  private static final long MARGIN_MILLIS = 50;
  /** B's copy must still be young enough for "B still sees v1 right after the write" to be fair. */
  private static final long FRESH_ENOUGH_MILLIS = TTL.toMillis() - 100;
  private static final int ATTEMPTS = 5;

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  @ParameterizedTest(name = "local layer {0}")
  @ValueSource(strings = {"heap", "memcached"})
  void anotherBoxSeesAWriteNotBeforeItHappensAndAtLatestOneLocalTtlAfter(String localType) throws Exception {
    String name = Boxes.uniqueName("staleness-" + localType);
    Cache<String, String> a = BOXES.open(localType, TTL).manager().createCache(name, Boxes.strings());
    Cache<String, String> b = BOXES.open(localType, TTL).manager().createCache(name, Boxes.strings());

    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      String key = "k" + attempt;
      String v1 = "v1-" + attempt;
      String v2 = "v2-" + attempt;
      a.put(key, v1);

      long fillStart = System.nanoTime();
      assertEquals(v1, b.get(key), "B reads A's first value (and keeps a local copy)");
      for (int i = 0; i < 3; i++) {
        assertEquals(v1, b.get(key), "before A's second write B can only see v1");
      }

      long writeStart = System.nanoTime();
      a.put(key, v2);
      long writeEnd = System.nanoTime();
      String firstReadAfterWrite = b.get(key);
      long firstReadEnd = System.nanoTime();
      if (millis(firstReadEnd - fillStart) > FRESH_ENOUGH_MILLIS) {
        System.out.printf("[staleness %s] attempt %d too slow (%d ms from fill to first read); retrying%n",
            localType, attempt, millis(firstReadEnd - fillStart));
        continue;
      }
      assertEquals(v1, firstReadAfterWrite,
          "right after A's write B must still be served its local copy (filled "
              + millis(firstReadEnd - fillStart) + " ms earlier): is the local layer in use?");

      Poll poll = poll(b, key, v1, v2, writeEnd + TimeUnit.MILLISECONDS.toNanos(TTL.toMillis() + 300));
      assertTrue(poll.unexpected.isEmpty(), "B saw values never written, or went back to v1: " + poll.unexpected);
      assertTrue(poll.firstV2Start > 0, "B never saw v2 within " + (TTL.toMillis() + 300) + " ms of the write");
      assertTrue(poll.firstV2End >= writeStart, "B saw v2 before A started writing it");
      long lastV1 = poll.lastV1Start == 0 ? 0 : millis(poll.lastV1Start - writeEnd);
      System.out.printf("[staleness %s] B still served v1 to a read started %d ms after A's write returned; first"
              + " saw v2 in a read started %d ms after (local TTL %d ms, %d reads polled)%n",
          localType, lastV1, millis(poll.firstV2Start - writeEnd), TTL.toMillis(), poll.reads);
      assertTrue(lastV1 <= TTL.toMillis() + MARGIN_MILLIS,
          "B served v1 to a read that started " + lastV1 + " ms after A's write returned; the bound is the local TTL "
              + TTL.toMillis() + " ms + " + MARGIN_MILLIS + " ms");
      return;
    }
    fail("the machine was too slow in all " + ATTEMPTS + " attempts to observe B's local copy within "
        + FRESH_ENOUGH_MILLIS + " ms");
  }

  /** What B returned while polling; times are System.nanoTime() at the start/end of a read. */
  private static final class Poll {
    long lastV1Start;
    long firstV2Start;
    long firstV2End;
    int reads;
    final List<String> unexpected = new ArrayList<>();
  }

  private static Poll poll(Cache<String, String> b, String key, String v1, String v2, long untilNanos)
      throws InterruptedException {
    Poll poll = new Poll();
    while (System.nanoTime() < untilNanos) {
      long start = System.nanoTime();
      String value = b.get(key);
      long end = System.nanoTime();
      poll.reads++;
      if (v1.equals(value)) {
        poll.lastV1Start = start;
        if (poll.firstV2Start != 0) {
          poll.unexpected.add("v1 after v2 at read " + poll.reads);
        }
      } else if (v2.equals(value)) {
        if (poll.firstV2Start == 0) {
          poll.firstV2Start = start;
          poll.firstV2End = end;
        }
      } else {
        poll.unexpected.add(value + " at read " + poll.reads);
      }
      Thread.sleep(1);
    }
    return poll;
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
