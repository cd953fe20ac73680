package io.github.dualcache.tck;

import io.github.dualcache.testing.MemcachedServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the memcached servers the TCK runs against before the first test of the JVM, and stops
 * them when the JUnit Platform session closes.
 *
 * <p>Inert unless the system property {@value #SERVERS_PROPERTY} is set, because our own tests
 * share this test classpath. Its value is a comma-separated list of system properties; each gets a
 * memcached of its own and is set to that server's {@code host:port}, e.g. {@code
 * dualcache.global.servers,dualcache.local.servers}; {@code true} means {@code
 * dualcache.global.servers}. A property that is already set (say {@code
 * -Ddualcache.global.servers=host:port}, to run the TCK against a server of your own) is left
 * alone. {@value #ARGS_PROPERTY} adds memcached arguments (whitespace-separated, e.g. {@code -m
 * 256}). The servers never use ports 10000-10011, which the TCK's listener and loader servers open.
 * These two properties are not named {@code dualcache.*}: the provider rejects unknown settings.
 */
public final class TckMemcachedListener implements LauncherSessionListener {

  static final String SERVERS_PROPERTY = "tck.memcached";
  static final String ARGS_PROPERTY = "tck.memcached.args";
  private static final String DEFAULT_TARGET = "dualcache.global.servers";

  private final List<MemcachedServer> servers = new ArrayList<>();
  private final List<String> assigned = new ArrayList<>();
  private Thread shutdownHook;

  @Override
  public synchronized void launcherSessionOpened(LauncherSession session) {
    for (String target : targets()) {
      String existing = System.getProperty(target);
      if (existing != null && !existing.isBlank()) {
        log("using " + target + "=" + existing + " (already set, no memcached started)");
        continue;
      }
      MemcachedServer server;
      try {
        server = MemcachedServer.start(args());
      } catch (RuntimeException e) {
        stopServers();
        throw e;
      }
      servers.add(server);
      assigned.add(target);
      System.setProperty(target, server.address());
      log("started " + server + " for " + target);
    }
    if (!servers.isEmpty() && shutdownHook == null) {
      // the fork may be killed (surefire's timeout) without the session being closed
      shutdownHook = new Thread(this::stopServers, "dualcache-tck-memcached-stop");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
  }

  @Override
  public synchronized void launcherSessionClosed(LauncherSession session) {
    stopServers();
    for (String target : assigned) {
      System.clearProperty(target);
    }
    assigned.clear();
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running or about to; stopServers is idempotent
      }
      shutdownHook = null;
    }
  }

  private synchronized void stopServers() {
    for (MemcachedServer server : servers) {
      try {
        server.close();
        log("stopped " + server);
      } catch (RuntimeException e) {
        log("failed to stop " + server + ": " + e);
      }
    }
    servers.clear();
  }

  private static List<String> targets() {
    String value = System.getProperty(SERVERS_PROPERTY, "").trim();
    if (value.isEmpty() || value.equalsIgnoreCase("false")) {
      return List.of();
    }
    if (value.equalsIgnoreCase("true")) {
      return List.of(DEFAULT_TARGET);
    }
    List<String> targets = new ArrayList<>();
    for (String name : value.split(",")) {
      if (!name.isBlank() && !targets.contains(name.trim())) {
        targets.add(name.trim());
      }
    }
    return targets;
  }

  private static String[] args() {
    String value = System.getProperty(ARGS_PROPERTY, "").trim();
    return value.isEmpty() ? new String[0] : value.split("\\s+");
  }

  private static void log(String message) {
    System.out.println("[dualcache-tck] " + message);
  }
}
