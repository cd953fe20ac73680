package io.github.dualcache.frameworks.hibernate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.stat.Statistics;

/**
 * One "app instance": a Hibernate SessionFactory over {@link Author} and {@link Book} whose
 * second-level cache is dualcache, and the few reads and writes the tests make, each reported with
 * the Hibernate statistics it caused.
 */
final class HibernateApp implements AutoCloseable {
  static final String PROVIDER = "io.github.dualcache.spi.DualcacheCachingProvider";
  static final String AUTHOR_REGION = Author.class.getName();
  static final String BOOKS_REGION = Author.class.getName() + ".books";

  private final SessionFactory sessionFactory;
  private final Statistics statistics;

  private HibernateApp(SessionFactory sessionFactory) {
    this.sessionFactory = sessionFactory;
    this.statistics = sessionFactory.getStatistics();
  }

  /**
   * The README's Hibernate recipe, nothing more: Hibernate's JCache region factory, dualcache as
   * its provider, caches created on first use. The memcached address is dualcache's own setting
   * ({@code dualcache.global.servers}).
   */
  static Map<String, String> secondLevelCache() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("hibernate.cache.region.factory_class", "jcache");
    settings.put("hibernate.javax.cache.provider", PROVIDER);
    settings.put("hibernate.javax.cache.missing_cache_strategy", "create");
    settings.put("hibernate.cache.use_second_level_cache", "true");
    settings.put("hibernate.cache.use_query_cache", "true");
    return settings;
  }

  /** Boots Hibernate on {@code jdbcUrl} (schema made by {@link Database}) with {@code cacheSettings}. */
  static HibernateApp start(String jdbcUrl, Map<String, String> cacheSettings) {
    Configuration configuration = new Configuration().addAnnotatedClass(Author.class).addAnnotatedClass(Book.class);
    configuration.setProperty("jakarta.persistence.jdbc.url", jdbcUrl);
    configuration.setProperty("jakarta.persistence.jdbc.user", Database.USER);
    configuration.setProperty("jakarta.persistence.jdbc.password", "");
    configuration.setProperty("hibernate.connection.pool_size", "2");
    configuration.setProperty("hibernate.generate_statistics", "true");
    cacheSettings.forEach(configuration::setProperty);
    return new HibernateApp(configuration.buildSessionFactory());
  }

  Result author(long id) {
    return measure(() -> sessionFactory.fromTransaction(session -> session.find(Author.class, id).getName()));
  }

  Result books(long authorId) {
    return measure(() -> sessionFactory.fromTransaction(
        session -> titles(session.find(Author.class, authorId).getBooks())));
  }

  Result byEmail(String email) {
    return measure(() -> sessionFactory.fromTransaction(session -> {
      Author author = session.bySimpleNaturalId(Author.class).load(email);
      return author.getId() + ":" + author.getName();
    }));
  }

  Result booksQuery(long authorId) {
    return measure(() -> sessionFactory.fromTransaction(session -> titles(
        session.createSelectionQuery("from Book b where b.author.id = :author order by b.id", Book.class)
            .setParameter("author", authorId)
            .setCacheable(true)
            .getResultList())));
  }

  Result rename(long id, String name) {
    return measure(() -> sessionFactory.fromTransaction(session -> {
      session.find(Author.class, id).setName(name);
      return name;
    }));
  }

  Result addBook(long authorId, long bookId, String title) {
    return measure(() -> sessionFactory.fromTransaction(session -> {
      session.persist(new Book(bookId, title, session.getReference(Author.class, authorId)));
      return title;
    }));
  }

  private static String titles(List<Book> books) {
    return books.stream().map(Book::getTitle).collect(Collectors.joining(","));
  }

  /** Runs {@code operation} on cleared statistics and reports its value with what it cost. */
  private synchronized Result measure(Supplier<String> operation) {
    statistics.clear();
    String value = operation.get();
    Map<String, Long> counts = new LinkedHashMap<>();
    counts.put("sql", statistics.getPrepareStatementCount());
    counts.put("entityLoads", statistics.getEntityLoadCount());
    counts.put("collectionLoads", statistics.getCollectionLoadCount());
    counts.put("l2Hits", statistics.getSecondLevelCacheHitCount());
    counts.put("l2Misses", statistics.getSecondLevelCacheMissCount());
    counts.put("l2Puts", statistics.getSecondLevelCachePutCount());
    counts.put("authorHits", statistics.getEntityStatistics(Author.class.getName()).getCacheHitCount());
    counts.put("bookHits", statistics.getEntityStatistics(Book.class.getName()).getCacheHitCount());
    counts.put("booksHits", statistics.getCollectionStatistics(BOOKS_REGION).getCacheHitCount());
    counts.put("naturalIdHits", statistics.getNaturalIdCacheHitCount());
    counts.put("naturalIdPuts", statistics.getNaturalIdCachePutCount());
    counts.put("queryHits", statistics.getQueryCacheHitCount());
    counts.put("queryMisses", statistics.getQueryCacheMissCount());
    counts.put("queryPuts", statistics.getQueryCachePutCount());
    return new Result(value, counts);
  }

  @Override
  public void close() {
    sessionFactory.close();
  }

  /** What an operation returned and the Hibernate statistics it moved. */
  record Result(String value, Map<String, Long> counts) {
    long count(String name) {
      Long count = counts.get(name);
      if (count == null) {
        throw new IllegalArgumentException("no statistic " + name + " in " + counts.keySet());
      }
      return count;
    }

    /** One line: {@code value=<value> sql=<n> ...}; values hold no spaces. */
    String toLine() {
      StringBuilder line = new StringBuilder("value=").append(value);
      counts.forEach((name, count) -> line.append(' ').append(name).append('=').append(count));
      return line.toString();
    }

    static Result parse(String line) {
      String value = null;
      Map<String, Long> counts = new LinkedHashMap<>();
      for (String field : line.trim().split(" ")) {
        int eq = field.indexOf('=');
        if (eq < 0) {
          continue;
        }
        String name = field.substring(0, eq);
        if (name.equals("value")) {
          value = field.substring(eq + 1);
        } else {
          counts.put(name, Long.parseLong(field.substring(eq + 1)));
        }
      }
      return new Result(value, counts);
    }

    @Override
    public String toString() {
      return toLine();
    }
  }
}
