package io.github.dualcache.faults;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dualcache.testing.Boxes;
import java.util.concurrent.TimeoutException;
import javax.cache.Cache;
import javax.cache.CacheException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@link CacheException} about memcached keeps what the client threw as its cause: the message
 * says which server and which operation, the cause says where it failed, and an operator reading
 * a stack trace needs both.
 */
class ExceptionCausesTest {
  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  @Test
  void aTimeoutKeepsTheClientsTimeoutAsItsCause() {
    Cache<String, String> cache = BOXES.manager("dualcache.timeout", "200ms")
        .createCache(Boxes.uniqueName("causes"), Boxes.strings());
    Faults.setUp(() -> cache.put("k", "v"));

    Faults.freeze(BOXES.global());
    CacheException thrown = assertThrows(CacheException.class, () -> cache.get("k"));

    Throwable root = thrown;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertInstanceOf(TimeoutException.class, root, () -> "the root cause of " + thrown);
  }
}
