package io.github.dualcache.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.testing.Boxes;
import io.github.dualcache.time.ManualClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.configuration.FactoryBuilder;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Which clock a heap hit reads. The copy's local TTL is judged on the coarse clock (a field a
 * thread refreshes every millisecond), because the exact clock costs more than the rest of the hit
 * on many VMs; JCache expiry is judged on the exact clock, because it is the user's contract.
 * Box A has the heap layer; box B writes through the global layer only, so A learns of B's writes
 * only when its copy ages out.
 */
class HeapHitClocksTest {
  private static final Duration TTL = Duration.ofMillis(300);

  @Nested
  class OnAManualClock {
    private final ManualClock clock = new ManualClock();
    @RegisterExtension final Boxes boxes = Boxes.withGlobalServers(1).onClock(clock);

    @Test
    void jcacheExpiryIsJudgedOnTheExactClockEvenWhenTheCoarseOneLags() {
      String name = Boxes.uniqueName("heap-expiry");
      Cache<String, String> a = boxes.open("heap", Duration.ofSeconds(10)).manager().createCache(name,
          Boxes.strings().setExpiryPolicyFactory(FactoryBuilder.factoryOf(
              new ModifiedExpiryPolicy(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 100)))));
      a.put("k", "v");
      assertEquals("v", a.get("k"), "the read fills A's heap copy");

      clock.freezeCoarseClock();
      clock.advanceMillis(150);
      assertNull(a.get("k"), "the entry expired 50 ms ago by the exact clock: a heap copy must not outlive it");
    }

    @Test
    void aCopysLocalTtlIsJudgedOnTheCoarseClock() {
      String name = Boxes.uniqueName("heap-ttl");
      Cache<String, String> a = boxes.open("heap", TTL).manager().createCache(name, Boxes.strings());
      Cache<String, String> b = boxes.open("none", TTL).manager().createCache(name, Boxes.strings());
      b.put("k", "v1");
      assertEquals("v1", a.get("k"), "the read fills A's heap copy");
      b.put("k", "v2");

      clock.freezeCoarseClock();
      clock.advance(TTL.multipliedBy(3));
      assertEquals("v1", a.get("k"), "a hit of an eternal entry must read only the coarse clock, which has not moved");

      clock.thawCoarseClock();
      assertEquals("v2", a.get("k"), "once the coarse clock passes the copy's TTL, A reads B's write");
    }
  }

  @Nested
  class OnTheSystemClock {
    @RegisterExtension final Boxes boxes = Boxes.withGlobalServers(1);

    @Test
    void aCopyAgesOutOnTheCoarseClocksOwnTicking() throws InterruptedException {
      String name = Boxes.uniqueName("heap-ticking");
      Cache<String, String> a = boxes.open("heap", Duration.ofMillis(100)).manager().createCache(name, Boxes.strings());
      Cache<String, String> b = boxes.open("none", TTL).manager().createCache(name, Boxes.strings());
      b.put("k", "v1");
      assertEquals("v1", a.get("k"), "the read fills A's heap copy");
      b.put("k", "v2");

      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      String seen = a.get("k");
      while (!"v2".equals(seen) && System.nanoTime() < deadline) {
        assertEquals("v1", seen, "A served something never written");
        Thread.sleep(10);
        seen = a.get("k");
      }
      assertTrue("v2".equals(seen), "a 100 ms copy was still served 5 s after B's write: the coarse clock stands still");
    }
  }
}
