package io.github.dualcache.frameworks.hibernate;

import io.github.dualcache.testing.ChildJvm;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An app instance in a JVM of its own, run by {@link TwoAppInstancesTest}: Hibernate configured
 * with the README recipe and nothing else ({@code dualcache.global.servers} is a system property of
 * this JVM), driven one command per line on standard input.
 *
 * <p>Argument: the JDBC URL. Prints {@code READY} once booted, then for each command
 * {@code OK value=... sql=... l2Hits=...} (see {@link HibernateApp.Result}) or {@code ERROR ...}:
 * {@code author <id>}, {@code books <author id>}, {@code email <email>}, {@code query <author id>},
 * {@code rename <id> <name>}, {@code add-book <author id> <book id> <title>}, {@code quit}.
 */
public final class AppInstance {
  /** Held so that the level set on it is not lost when the logger is collected. */
  private static final Logger HIBERNATE_LOG = Logger.getLogger("org.hibernate");

  private AppInstance() {}

  /**
   * Starts an instance over {@code jdbcUrl} and the memcached at {@code servers}. A developer who
   * runs the tests with {@code -Ddualcache.codec.allow=...} has it passed on (to check the wiring
   * against a codec that refuses Hibernate's classes); the tests themselves set no allow-list.
   */
  static ChildJvm start(String name, String jdbcUrl, String servers) {
    List<String> options = new ArrayList<>(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dorg.jboss.logging.provider=jdk", "-Ddualcache.global.servers=" + servers));
    String allow = System.getProperty("dualcache.codec.allow");
    if (allow != null) {
      options.add("-Ddualcache.codec.allow=" + allow);
    }
    return ChildJvm.start(name, AppInstance.class, options, List.of(jdbcUrl));
  }

  public static void main(String[] args) throws Exception {
    HIBERNATE_LOG.setLevel(Level.WARNING);
    long start = System.nanoTime();
    try (HibernateApp app = HibernateApp.start(args[0], HibernateApp.secondLevelCache());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.out.println("READY bootMillis=" + (System.nanoTime() - start) / 1_000_000);
      for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
        try {
          System.out.println("OK " + run(app, line.trim().split(" ")).toLine());
        } catch (RuntimeException e) {
          e.printStackTrace(System.out);
          System.out.println("ERROR " + line + ": " + e);
        }
        System.out.flush();
      }
    }
    System.out.println("BYE");
  }

  private static HibernateApp.Result run(HibernateApp app, String[] command) {
    switch (command[0]) {
      case "author":
        return app.author(Long.parseLong(command[1]));
      case "books":
        return app.books(Long.parseLong(command[1]));
      case "email":
        return app.byEmail(command[1]);
      case "query":
        return app.booksQuery(Long.parseLong(command[1]));
      case "rename":
        return app.rename(Long.parseLong(command[1]), command[2]);
      case "add-book":
        return app.addBook(Long.parseLong(command[1]), Long.parseLong(command[2]), command[3]);
      default:
        throw new IllegalArgumentException("unknown command " + command[0]);
    }
  }
}
