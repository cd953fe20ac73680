package io.github.dualcache.frameworks.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.frameworks.hibernate.HibernateApp.Result;
import io.github.dualcache.testing.ChildJvm;
import io.github.dualcache.testing.MemcachedExtension;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Hibernate's second-level cache on dualcache across two app instances: two JVMs
 * ({@link AppInstance}) configured with the README recipe and nothing else, over one memcached and
 * one H2 database served by this JVM. What instance A caches, instance B is served from memcached
 * without SQL (entities, collections, natural ids, query results); what B changes, A sees.
 *
 * <p>dualcache trusts a class only once this JVM has itself written one through the cache, so
 * before reading A's entries B always caches an entry of the same kind of its own (another row).
 * Each test uses rows of its own, so the tests are independent of their order.
 *
 * <p>What removal makes it fail: the provider (the instances cannot boot), the second-level or
 * query cache (no hits, SQL), a cache that is not shared through memcached (B misses and asks the
 * database), Hibernate's entry classes refused by the codec (misses, the stale-copy checks fail).
 */
class TwoAppInstancesTest {
  private static final String AUTHOR_KEYS = "dualcache:" + HibernateApp.AUTHOR_REGION + ":";

  @RegisterExtension static final MemcachedExtension MEMCACHED = new MemcachedExtension();

  private static Database database;
  private static Instance a;
  private static Instance b;

  @BeforeAll
  static void start() {
    database = Database.create();
    String url = database.serve();
    // both boot at once; each is awaited before use
    ChildJvm first = AppInstance.start("A", url, MEMCACHED.address());
    ChildJvm second = AppInstance.start("B", url, MEMCACHED.address());
    a = new Instance(first);
    b = new Instance(second);
    a.awaitReady();
    b.awaitReady();
  }

  @AfterAll
  static void stop() {
    try {
      if (a != null) {
        a.quit();
      }
    } finally {
      try {
        if (b != null) {
          b.quit();
        }
      } finally {
        if (database != null) {
          database.close();
        }
      }
    }
  }

  @Test
  void anEntityLoadedByOneInstanceIsServedToTheOtherFromMemcached() {
    database.addAuthor(10, "ada@example.org", "Ada");
    database.addAuthor(11, "bob@example.org", "Bob");
    Set<String> entriesBefore = authorEntries();
    long setsBefore = sets();

    Result loaded = a.run("author 10");
    assertEquals("Ada", loaded.value());
    assertEquals(1, loaded.count("sql"), "A's first load goes to the database: " + loaded);
    assertEquals(1, loaded.count("l2Puts"), "A did not cache what it loaded: " + loaded);
    Set<String> added = authorEntries();
    added.removeAll(entriesBefore);
    assertEquals(1, added.size(), "A's entry is not in memcached: " + added);
    assertTrue(sets() > setsBefore, "memcached counted no set");

    assertEquals("Bob", b.run("author 11").value());
    Result served = b.run("author 10");
    assertEquals("Ada", served.value());
    assertEquals(1, served.count("authorHits"), "B was not served A's entry: " + served);
    assertEquals(0, served.count("entityLoads"), "B loaded the entity from the database: " + served);
    assertEquals(0, served.count("sql"), "B asked the database: " + served);
  }

  @Test
  void aCollectionLoadedByOneInstanceIsServedToTheOtherFromMemcached() {
    database.addAuthor(20, "cy@example.org", "Cy", "Dawn", "Dusk");
    database.addAuthor(21, "di@example.org", "Di", "Noon");

    Result loaded = a.run("books 20");
    assertEquals("Dawn,Dusk", loaded.value());
    assertEquals(1, loaded.count("collectionLoads"), "A loaded no collection: " + loaded);

    assertEquals("Noon", b.run("books 21").value());
    Result served = b.run("books 20");
    assertEquals("Dawn,Dusk", served.value());
    assertEquals(1, served.count("booksHits"), "B was not served A's collection: " + served);
    assertEquals(2, served.count("bookHits"), "B was not served A's books: " + served);
    assertEquals(0, served.count("collectionLoads"), "B loaded the collection: " + served);
    assertEquals(0, served.count("sql"), "B asked the database: " + served);
  }

  @Test
  void aNaturalIdResolvedByOneInstanceIsServedToTheOtherFromMemcached() {
    database.addAuthor(30, "eve@example.org", "Eve");
    database.addAuthor(31, "fay@example.org", "Fay");

    Result loaded = a.run("email eve@example.org");
    assertEquals("30:Eve", loaded.value());
    assertEquals(1, loaded.count("naturalIdPuts"), "A did not cache the natural id: " + loaded);

    assertEquals("31:Fay", b.run("email fay@example.org").value());
    Result served = b.run("email eve@example.org");
    assertEquals("30:Eve", served.value());
    assertEquals(1, served.count("naturalIdHits"), "B was not served A's natural id: " + served);
    assertEquals(0, served.count("sql"), "B asked the database: " + served);
  }

  @Test
  void aQueryRunByOneInstanceIsServedFromTheQueryCacheToBoth() {
    database.addAuthor(40, "gil@example.org", "Gil", "Rain", "Snow");
    database.addAuthor(41, "hal@example.org", "Hal", "Hail");

    Result first = a.run("query 40");
    assertEquals("Rain,Snow", first.value());
    assertEquals(1, first.count("queryPuts"), "A did not cache the query's result: " + first);
    Result second = a.run("query 40");
    assertEquals("Rain,Snow", second.value());
    assertEquals(1, second.count("queryHits"), "A's second run was not served from the query cache: " + second);
    assertEquals(0, second.count("sql"), "A's second run asked the database: " + second);

    assertEquals("Hail", b.run("query 41").value());
    Result served = b.run("query 40");
    assertEquals("Rain,Snow", served.value());
    assertEquals(1, served.count("queryHits"), "B was not served A's query result: " + served);
    assertEquals(0, served.count("sql"), "B asked the database: " + served);
  }

  @Test
  void anEntityUpdatedByOneInstanceIsSeenByTheOther() throws InterruptedException {
    database.addAuthor(50, "ian@example.org", "Ian");
    database.addAuthor(51, "jo@example.org", "Jo");
    assertEquals("Ian", a.run("author 50").value());
    // a change Hibernate never hears of: A keeps serving its cached copy, so a fresh value later
    // can only have come through the cache
    database.renameBehindHibernate(50, "Behind");
    Result cached = a.run("author 50");
    assertEquals("Ian", cached.value(), "A did not serve its cached copy: " + cached);

    assertEquals("Jo", b.run("author 51").value());
    Result renamed = b.run("rename 50 Ivan");
    assertEquals(1, renamed.count("authorHits"), "B did not read A's entry before updating it: " + renamed);
    // a read-write item is readable by transactions that started after it was written; Hibernate's
    // timestamps are milliseconds with a counter per JVM, so across JVMs only a later millisecond is
    Thread.sleep(2);

    Result seen = a.run("author 50");
    assertEquals("Ivan", seen.value(), "A served the copy B's update replaced: " + seen);
    assertEquals(1, seen.count("authorHits"), "A was not served the entry B's update wrote: " + seen);
    assertEquals(0, seen.count("sql"), "A asked the database: " + seen);
  }

  @Test
  void aQueryResultIsInvalidatedByAnInsertInTheOtherInstance() {
    database.addAuthor(60, "kim@example.org", "Kim", "Moss");
    assertEquals("Moss", a.run("query 60").value());
    Result cached = a.run("query 60");
    assertEquals(1, cached.count("queryHits"), "A's second run was not served from the query cache: " + cached);

    b.run("add-book 60 6099 Fern");

    Result seen = a.run("query 60");
    assertEquals("Moss,Fern", seen.value(), "A served the query result B's insert made stale: " + seen);
    assertEquals(0, seen.count("queryHits"), "A was served a stale query result: " + seen);
  }

  /** The Author region's entries in memcached: crawls until one finds nothing new (a crawl is no snapshot). */
  private static Set<String> authorEntries() {
    Set<String> entries = new HashSet<>();
    for (int crawl = 0; crawl < 5; crawl++) {
      boolean found = false;
      for (String key : MEMCACHED.server().keys()) {
        if (key.startsWith(AUTHOR_KEYS) && !key.endsWith(":gen")) {
          found |= entries.add(key);
        }
      }
      if (!found && crawl > 0) {
        break;
      }
    }
    return entries;
  }

  private static long sets() {
    return Long.parseLong(MEMCACHED.server().stats().get("cmd_set"));
  }

  /** A running {@link AppInstance}: one command, one result. */
  private static final class Instance {
    private final ChildJvm jvm;

    Instance(ChildJvm jvm) {
      this.jvm = jvm;
    }

    void awaitReady() {
      System.out.println("[hibernate] " + jvm.awaitLine("READY", 60, TimeUnit.SECONDS));
    }

    Result run(String command) {
      jvm.send(command);
      return Result.parse(jvm.awaitLine("OK ", 30, TimeUnit.SECONDS).substring(3));
    }

    void quit() {
      try {
        jvm.send("quit");
        jvm.awaitLine("BYE", 30, TimeUnit.SECONDS);
        jvm.awaitExit(30, TimeUnit.SECONDS);
      } finally {
        jvm.close();
      }
    }
  }
}
