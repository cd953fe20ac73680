package io.github.dualcache.soak;

import io.github.dualcache.testing.MemcachedServer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The memcached processes of the soak: three global servers and the local memcached one child
 * uses. A killed server is restarted, empty, on its own port, where the clients expect it.
 */
final class SoakServers implements AutoCloseable {
  static final int GLOBALS = 3;

  private final MemcachedServer[] global = new MemcachedServer[GLOBALS];
  private MemcachedServer local;

  SoakServers() {
    for (int i = 0; i < GLOBALS; i++) {
      global[i] = MemcachedServer.start();
    }
    local = MemcachedServer.start();
  }

  String globalAddresses() {
    List<String> addresses = new ArrayList<>();
    for (MemcachedServer server : global) {
      addresses.add(server.address());
    }
    return String.join(",", addresses);
  }

  String localAddress() {
    return local.address();
  }

  synchronized MemcachedServer global(int index) {
    return global[index];
  }

  /** {@code kill -9}: the process dies with everything it held. */
  synchronized void killGlobal(int index) {
    global[index].close();
  }

  synchronized void restartGlobal(int index) {
    global[index] = MemcachedServer.startOn(global[index].port());
  }

  synchronized void killLocal() {
    local.close();
  }

  synchronized void restartLocal() {
    local = MemcachedServer.startOn(local.port());
  }

  /** Whether every process is up and not frozen, as each round must end. */
  synchronized boolean allHealthy() {
    for (MemcachedServer server : global) {
      if (!server.isAlive() || server.isFrozen()) {
        return false;
      }
    }
    return local.isAlive() && !local.isFrozen();
  }

  @Override
  public synchronized String toString() {
    return List.of(global).stream().map(MemcachedServer::toString).collect(Collectors.joining(", "))
        + "; local " + local;
  }

  @Override
  public synchronized void close() {
    for (MemcachedServer server : global) {
      server.close();
    }
    local.close();
  }
}
