package io.github.dualcache.demo;

import io.github.dualcache.testing.MemcachedServer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The demo's memcached servers: a global one and one local one per box, each either started here
 * (on free loopback ports, stopped by {@link #close()}) or given on the command line.
 */
final class DemoServers implements AutoCloseable {
  private final List<MemcachedServer> started = new ArrayList<>();
  private final List<String> global = new ArrayList<>();
  private final List<String> local = new ArrayList<>();
  private boolean globalGiven;

  private DemoServers() {}

  /**
   * Starts the servers the options do not name (so {@link #memcachedBinary()} must have found
   * memcached if any); if one fails to start, stops those already started.
   */
  static DemoServers startOrUse(DemoOptions options) {
    DemoServers servers = new DemoServers();
    try {
      servers.globalGiven = !options.global.isEmpty();
      servers.global.addAll(servers.globalGiven ? options.global : List.of(servers.start().address()));
      servers.local.addAll(options.local);
      if (options.localLayer.equals("memcached") && options.local.isEmpty()) {
        for (int box = 0; box < options.boxes; box++) {
          servers.local.add(servers.start().address());
        }
      }
      return servers;
    } catch (RuntimeException e) {
      servers.close();
      throw e;
    }
  }

  /**
   * The memcached program the test harness starts, found the way it finds it: {@code MEMCACHED_BIN},
   * else the {@code PATH}.
   */
  static Optional<String> memcachedBinary() {
    String env = System.getenv("MEMCACHED_BIN");
    if (env != null && !env.isBlank()) {
      return new File(env).canExecute() ? Optional.of(env) : Optional.empty();
    }
    String path = System.getenv("PATH");
    for (String dir : path == null ? new String[0] : path.split(File.pathSeparator)) {
      File candidate = new File(dir, "memcached");
      if (candidate.isFile() && candidate.canExecute()) {
        return Optional.of(candidate.getPath());
      }
    }
    return Optional.empty();
  }

  private MemcachedServer start() {
    MemcachedServer server = MemcachedServer.start("-m", "64");
    started.add(server);
    return server;
  }

  List<String> global() {
    return global;
  }

  boolean globalGiven() {
    return globalGiven;
  }

  /** The local memcached of box {@code box} (from 0), or null with the heap local layer. */
  String local(int box) {
    return local.isEmpty() ? null : local.get(box);
  }

  /**
   * The gets the global servers have served since they started ({@code stats cmd_get}, summed): the
   * load the local layer is there to take off them. Counts every client of those servers.
   */
  long globalGets() {
    long gets = 0;
    for (String server : global) {
      gets += Long.parseLong(stat(server, "cmd_get"));
    }
    return gets;
  }

  /** One value of a server's {@code stats}, over the text protocol (never through dualcache). */
  private static String stat(String server, String name) {
    int colon = server.lastIndexOf(':');
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(server.substring(0, colon), Integer.parseInt(server.substring(colon + 1))), 2_000);
      socket.setSoTimeout(2_000);
      socket.getOutputStream().write("stats\r\n".getBytes(StandardCharsets.US_ASCII));
      StringBuilder reply = new StringBuilder();
      byte[] buffer = new byte[8192];
      while (reply.indexOf("\r\nEND\r\n") < 0) {
        int read = socket.getInputStream().read(buffer);
        if (read < 0) {
          break;
        }
        reply.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
      }
      for (String line : reply.toString().split("\r\n")) {
        if (line.startsWith("STAT " + name + " ")) {
          return line.substring(name.length() + 6);
        }
      }
      throw new IllegalStateException(server + " answered stats without " + name + ": " + reply);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the stats of memcached " + server, e);
    }
  }

  @Override
  public void close() {
    for (MemcachedServer server : started) {
      server.close();
    }
  }
}
