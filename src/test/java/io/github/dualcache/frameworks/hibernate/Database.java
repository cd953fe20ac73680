package io.github.dualcache.frameworks.hibernate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.h2.tools.Server;

/**
 * An in-memory H2 database held by the test JVM, served over TCP on a free loopback port so that
 * app instances in other JVMs share it. The schema is made here with plain JDBC, and rows are
 * inserted and changed here behind Hibernate's back, so the caches start empty.
 */
final class Database implements AutoCloseable {
  static final String USER = "sa";

  private final String name;
  private final Connection connection;
  private Server server;

  private Database(String name, Connection connection) {
    this.name = name;
    this.connection = connection;
  }

  /** An in-memory database of this JVM; {@link #serve()} opens it to other JVMs. */
  static Database create() {
    String name = "library-" + UUID.randomUUID();
    try {
      // the connection kept open keeps the in-memory database alive
      Connection connection = DriverManager.getConnection("jdbc:h2:mem:" + name, USER, "");
      try (Statement statement = connection.createStatement()) {
        statement.execute("create table author (id bigint primary key, email varchar(100) not null unique,"
            + " name varchar(100) not null)");
        statement.execute("create table book (id bigint primary key, title varchar(100) not null,"
            + " author_id bigint not null references author (id))");
      }
      return new Database(name, connection);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the H2 database", e);
    }
  }

  /** The URL for Hibernate in this JVM. */
  String localUrl() {
    return "jdbc:h2:mem:" + name;
  }

  /** Starts H2's TCP server (local connections only) on a free port; returns the URL for other JVMs. */
  synchronized String serve() {
    try {
      if (server == null) {
        server = Server.createTcpServer("-tcpPort", "0").start();
      }
      return "jdbc:h2:tcp://127.0.0.1:" + server.getPort() + "/mem:" + name;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot start the H2 TCP server", e);
    }
  }

  /** An author and its books (ids {@code id * 100 + 1, + 2, ...}), inserted with plain JDBC. */
  void addAuthor(long id, String email, String authorName, String... titles) {
    try (PreparedStatement author = connection.prepareStatement("insert into author values (?, ?, ?)");
        PreparedStatement book = connection.prepareStatement("insert into book values (?, ?, ?)")) {
      author.setLong(1, id);
      author.setString(2, email);
      author.setString(3, authorName);
      author.executeUpdate();
      for (int i = 0; i < titles.length; i++) {
        book.setLong(1, id * 100 + i + 1);
        book.setString(2, titles[i]);
        book.setLong(3, id);
        book.executeUpdate();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot insert author " + id, e);
    }
  }

  /** Changes an author's name with plain JDBC: no cache hears of it. */
  void renameBehindHibernate(long id, String authorName) {
    try (PreparedStatement update = connection.prepareStatement("update author set name = ? where id = ?")) {
      update.setString(1, authorName);
      update.setLong(2, id);
      if (update.executeUpdate() != 1) {
        throw new IllegalStateException("no author " + id);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot rename author " + id, e);
    }
  }

  @Override
  public synchronized void close() {
    if (server != null) {
      server.stop();
      server = null;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close the H2 database", e);
    }
  }
}
