package io.github.dualcache.faults;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.dualcache.testing.MemcachedExtension;
import java.util.concurrent.TimeoutException;
import javax.cache.Cache;
import javax.cache.CacheException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A {@link CacheException} about memcached keeps what the client threw as its cause: the message
 * says which server and which operation, the cause says where it failed, and an operator reading
 * a stack trace needs both.
 */
class ExceptionCausesTest {
  @RegisterExtension static final MemcachedExtension GLOBAL = new MemcachedExtension();

  private final Faults faults = new Faults();

  @AfterEach
  void close() {
    faults.close();
  }

  @Test
  void aTimeoutKeepsTheClientsTimeoutAsItsCause() {
    Cache<String, String> cache = faults.manager(GLOBAL.address(), "dualcache.timeout", "200ms")
        .createCache(Faults.uniqueName("causes"), Faults.strings());
    cache.put("k", "v");

    Faults.freeze(GLOBAL.server());
    CacheException thrown = assertThrows(CacheException.class, () -> cache.get("k"));

    assertNotNull(thrown.getCause(), () -> "no cause on: " + thrown);
    assertInstanceOf(TimeoutException.class, thrown.getCause(), thrown::toString);
  }
}
