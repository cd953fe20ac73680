package io.github.dualcache.frameworks.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dualcache.frameworks.hibernate.HibernateApp.Result;
import io.github.dualcache.testing.MemcachedExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two SessionFactories in this JVM, each with a CacheManager of its own named by
 * {@code hibernate.javax.cache.uri} (a dualcache JSON file holding the memcached address), over one
 * memcached and one database: what one caches the other is served from memcached, and what one
 * updates the other sees. {@link TwoAppInstancesTest} proves the same across JVMs.
 */
class TwoSessionFactoriesTest {

  @RegisterExtension static final MemcachedExtension MEMCACHED = new MemcachedExtension();

  @TempDir static Path files;

  /** Held so that the level set on it is not lost when the logger is collected. */
  private static final Logger HIBERNATE_LOG = Logger.getLogger("org.hibernate");
  private static Level hibernateLevel;

  private static Database database;
  private static HibernateApp a;
  private static HibernateApp b;

  @BeforeAll
  static void start() throws IOException {
    hibernateLevel = HIBERNATE_LOG.getLevel();
    HIBERNATE_LOG.setLevel(Level.WARNING); // Hibernate's boot banner, in the build's output
    database = Database.create();
    a = HibernateApp.start(database.localUrl(), settings("a"));
    b = HibernateApp.start(database.localUrl(), settings("b"));
  }

  /** The recipe with the address in a dualcache JSON file, one file (so one CacheManager) per instance. */
  private static Map<String, String> settings(String instance) throws IOException {
    Path file = Files.createDirectories(files.resolve(instance)).resolve("dualcache.json");
    Files.writeString(file, "{ \"dualcache.global.servers\": \"" + MEMCACHED.address() + "\" }\n");
    Map<String, String> settings = HibernateApp.secondLevelCache();
    settings.put("hibernate.javax.cache.uri", file.toUri().toString());
    return settings;
  }

  @AfterAll
  static void stop() {
    try {
      if (b != null) {
        b.close();
      }
    } finally {
      try {
        if (a != null) {
          a.close();
        }
      } finally {
        try {
          if (database != null) {
            database.close();
          }
        } finally {
          HIBERNATE_LOG.setLevel(hibernateLevel);
        }
      }
    }
  }

  @Test
  void anEntityOneSessionFactoryCachedIsServedToTheOtherWithoutSql() {
    database.addAuthor(1, "ada@example.org", "Ada");
    database.addAuthor(2, "bob@example.org", "Bob");

    Result loaded = a.author(1);
    assertEquals("Ada", loaded.value());
    assertEquals(1, loaded.count("l2Puts"), "a did not cache what it loaded: " + loaded);

    assertEquals("Bob", b.author(2).value()); // b caches an entry of its own first (the trust model learns on write)
    Result served = b.author(1);
    assertEquals("Ada", served.value());
    assertEquals(1, served.count("authorHits"), "b was not served a's entry from memcached: " + served);
    assertEquals(0, served.count("sql"), "b asked the database: " + served);
  }

  @Test
  void anUpdateThroughOneSessionFactoryIsSeenByTheOther() {
    database.addAuthor(3, "cy@example.org", "Cy");
    database.addAuthor(4, "di@example.org", "Di");
    assertEquals("Cy", a.author(3).value());
    database.renameBehindHibernate(3, "Behind");
    Result cached = a.author(3);
    assertEquals("Cy", cached.value(), "a did not serve its cached copy: " + cached);

    assertEquals("Di", b.author(4).value());
    b.rename(3, "Cyril");

    Result seen = a.author(3);
    assertEquals("Cyril", seen.value(), "a served the copy b's update replaced: " + seen);
  }
}
