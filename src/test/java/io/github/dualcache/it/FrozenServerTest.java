package io.github.dualcache.it;

import static io.github.dualcache.it.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.testing.Boxes;
import java.time.Duration;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/**
 * A global server that accepts connections but never answers (SIGSTOP) makes calls fail with a
 * CacheException naming the server within the operation timeout, instead of hanging; the cache
 * recovers once the server answers again.
 */
class FrozenServerTest {

  private static final Duration TIMEOUT = Duration.ofMillis(300);
  /** Timeout plus a generous margin for a loaded machine; a hang is what this guards against. */
  private static final Duration BOUND = Duration.ofMillis(2500);

  @RegisterExtension final Boxes boxes = Boxes.withGlobalServers(1);

  @Test
  void frozenServerFailsFastAndRecovers() {
    Cache<String, String> cache =
        boxes.manager("dualcache.timeout", TIMEOUT.toMillis() + "ms")
            .createCache("frozen",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    cache.put("k", "before");
    assertEquals("before", cache.get("k"));

    boxes.global().freeze();
    assertFailsFast("get", () -> cache.get("k"));
    assertFailsFast("put", () -> cache.put("k", "during"));
    boxes.global().thaw();

    eventually(Duration.ofSeconds(5), () -> {
      cache.put("k", "after");
      assertEquals("after", cache.get("k"));
    });
  }

  private void assertFailsFast(String operation, Executable call) {
    long start = System.nanoTime();
    CacheException e = assertTimeoutPreemptively(BOUND.plusSeconds(10),
        () -> assertThrows(CacheException.class, call, operation + " on a frozen server"));
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    assertTrue(elapsed.compareTo(BOUND) < 0,
        operation + " took " + elapsed.toMillis() + " ms with a " + TIMEOUT.toMillis()
            + " ms timeout");
    String message = String.valueOf(e.getMessage());
    assertTrue(message.contains(boxes.globalServers()),
        operation + ": message should name " + boxes.globalServers() + ": " + message);
    assertFalse(message.contains("net.spy"),
        operation + ": message should not expose spymemcached types: " + message);
  }
}
