package io.github.dualcache.frameworks.spring;

import static io.github.dualcache.frameworks.spring.CustomerApps.entryKeys;
import static io.github.dualcache.frameworks.spring.CustomerApps.stat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.cache.DualcacheCacheManager;
import io.github.dualcache.frameworks.spring.CustomerApps.RunningApp;
import io.github.dualcache.frameworks.spring.app.Customer;
import io.github.dualcache.frameworks.spring.app.CustomerService;
import io.github.dualcache.testing.MemcachedExtension;
import io.github.dualcache.testing.MemcachedServer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.cache.support.NullValue;

/**
 * Spring's cache abstraction on dualcache, configured by nothing but the README's recipe: Spring
 * Boot's JCache support finds the provider by name and the servers in {@code dualcache.json}.
 * Every hit is checked twice: the method body did not run, and memcached answered it.
 */
class SpringCacheTest {
  @RegisterExtension static final MemcachedExtension MEMCACHED = new MemcachedExtension();

  @TempDir static Path directory;

  private static RunningApp app;
  private static CustomerService customers;

  @BeforeAll
  static void startApp() {
    app = CustomerApps.start(CustomerApps.resources(directory, MEMCACHED.address(), true));
    customers = app.customers();
  }

  @AfterAll
  static void stopApp() {
    if (app != null) {
      app.close();
    }
  }

  private static MemcachedServer memcached() {
    return MEMCACHED.server();
  }

  @Test
  void springBootMadeADualcacheManagerFromTheRecipe() {
    DualcacheCacheManager manager = assertInstanceOf(DualcacheCacheManager.class, app.jcache());
    assertEquals(directory.resolve("dualcache.json"), Path.of(manager.getURI()), "classpath:dualcache.json");
    assertEquals(Set.of("customers", "accounts"), new HashSet<>(app.cacheNames()));
  }

  @Test
  void cacheableServesTheSecondCallFromMemcached() {
    Set<String> keysBefore = entryKeys(memcached(), "customers");
    int lookups = customers.lookups();

    assertEquals(new Customer(1, "customer 1"), customers.find(1));
    assertEquals(lookups + 1, customers.lookups());
    Set<String> added = new HashSet<>(entryKeys(memcached(), "customers"));
    added.removeAll(keysBefore);
    assertEquals(1, added.size(), "one new entry in memcached: " + added);

    long sets = stat(memcached(), "cmd_set");
    long hits = stat(memcached(), "get_hits");
    assertEquals(new Customer(1, "customer 1"), customers.find(1));
    assertEquals(lookups + 1, customers.lookups(), "the second call ran the method: the cache missed");
    assertEquals(sets, stat(memcached(), "cmd_set"), "a hit writes nothing");
    assertTrue(stat(memcached(), "get_hits") > hits, "memcached answered the hit");
  }

  @Test
  void cacheEvictRemovesTheEntry() {
    customers.find(2);
    customers.find(2);
    int lookups = customers.lookups();

    customers.forget(2);
    assertEquals(new Customer(2, "customer 2"), customers.find(2));
    assertEquals(lookups + 1, customers.lookups(), "evicted, so looked up again");
    customers.find(2);
    assertEquals(lookups + 1, customers.lookups(), "and cached again");
  }

  @Test
  void aNullResultIsCachedAndServedAsNull() {
    long nobody = CustomerService.LAST_ID + 1;
    Set<String> keysBefore = entryKeys(memcached(), "customers");
    int lookups = customers.lookups();

    assertNull(customers.find(nobody));
    assertNotEquals(keysBefore, entryKeys(memcached(), "customers"), "the null (Spring's NullValue) is stored");
    assertNull(customers.find(nobody));
    assertEquals(lookups + 1, customers.lookups(), "the cached null was served");
    assertEquals(NullValue.INSTANCE, app.jcache().getCache("customers").get(nobody));
  }

  @Test
  void aMultiArgumentMethodIsCachedUnderASimpleKeyOfItsArguments() {
    int lookups = customers.lookups();
    Customer ada = customers.findByName("Ada", "Lovelace");
    Customer byron = customers.findByName("Ada", "Byron");
    assertEquals(lookups + 2, customers.lookups(), "two argument lists, two entries");

    assertEquals(ada, customers.findByName("Ada", "Lovelace"));
    assertEquals(byron, customers.findByName("Ada", "Byron"));
    assertEquals(lookups + 2, customers.lookups(), "both served from the cache");
    assertTrue(app.jcache().getCache("customers").containsKey(new SimpleKey("Ada", "Lovelace")),
        "the JCache key is Spring's SimpleKey of the arguments");
  }

  @Test
  void jsr107CacheResultAndCacheRemove() {
    Set<String> keysBefore = entryKeys(memcached(), "accounts");
    int lookups = customers.lookups();

    assertEquals(new Customer(7, "account 7"), customers.account(7));
    assertNotEquals(keysBefore, entryKeys(memcached(), "accounts"), "@CacheResult stored the result in memcached");
    assertEquals(new Customer(7, "account 7"), customers.account(7));
    assertEquals(lookups + 1, customers.lookups(), "@CacheResult served the second call");

    customers.closeAccount(7);
    customers.account(7);
    assertEquals(lookups + 2, customers.lookups(), "removed, so looked up again");
  }
}
