package io.github.dualcache.frameworks.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dualcache.frameworks.spring.CustomerApps.RunningApp;
import io.github.dualcache.frameworks.spring.app.Customer;
import io.github.dualcache.frameworks.spring.app.CustomerConsole;
import io.github.dualcache.frameworks.spring.app.CustomerService;
import io.github.dualcache.testing.ChildJvm;
import io.github.dualcache.testing.MemcachedExtension;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the app, this JVM and another, over one memcached: what one cached, the other
 * is served without running its method. The other instance first caches a customer of its own:
 * a JVM trusts an app class in the bytes it reads once it has itself stored one.
 */
class SpringTwoInstancesTest {
  @RegisterExtension static final MemcachedExtension MEMCACHED = new MemcachedExtension();

  @TempDir Path directory;

  @Test
  void anotherInstanceIsServedWhatThisOneCached() {
    try (RunningApp here = CustomerApps.start(CustomerApps.resources(directory.resolve("here"), MEMCACHED.address(), true));
        ChildJvm there = ChildJvm.start("second app instance", CustomerConsole.class, List.of(),
            List.of(CustomerApps.resources(directory.resolve("there"), MEMCACHED.address(), true)), List.of())) {
      CustomerService customers = here.customers();
      assertEquals(new Customer(1, "customer 1"), customers.find(1));
      assertEquals(1, customers.lookups());

      there.awaitLine("READY", 60, TimeUnit.SECONDS);
      there.send("find 2");
      assertEquals("FOUND id=2 name=customer 2 lookups=1", there.awaitLine("FOUND", 30, TimeUnit.SECONDS),
          "the other instance looks up a customer of its own");
      there.send("find 1");
      assertEquals("FOUND id=1 name=customer 1 lookups=1", there.awaitLine("FOUND", 30, TimeUnit.SECONDS),
          "the other instance was served this one's customer 1 without a lookup");

      assertEquals(new Customer(2, "customer 2"), customers.find(2));
      assertEquals(1, customers.lookups(), "and this one the other's customer 2");
      there.send("quit");
      assertEquals(0, there.awaitExit(30, TimeUnit.SECONDS), there.output());
    }
  }
}
