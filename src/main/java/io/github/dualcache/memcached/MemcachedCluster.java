package io.github.dualcache.memcached;

import io.github.dualcache.config.HostAndPort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import javax.cache.CacheException;
import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.FailureMode;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.internal.OperationFuture;

/**
 * One spymemcached client over a set of servers, with every call bounded by the configured timeout
 * and every failure reported as a {@link CacheException} that names the server and the operation.
 *
 * <p>Keys are spread by ketama consistent hashing (the default array-mod locator with Java
 * {@code hashCode} would remap most keys when a server is added). The failure mode is
 * {@link FailureMode#Cancel}: an operation for a server that is down fails at once.
 * {@code Redistribute} would silently write to the wrong node, and {@code Retry} would queue a
 * write the caller was already told had failed and replay it, possibly over newer data, when the
 * server returns. The text protocol is used: the binary one is deprecated in memcached 1.6.
 */
final class MemcachedCluster implements AutoCloseable {
  static {
    SpymemcachedLogger.install();
  }

  /** memcached's default item size, used until a server reports its own. */
  private static final int DEFAULT_ITEM_SIZE_MAX = 1024 * 1024;

  private final String role;
  private final List<HostAndPort> servers;
  private final long timeoutMillis;
  private final MemcachedClient client;
  private final KeyCrawler crawler;
  private volatile int itemSizeMax;

  MemcachedCluster(String role, List<HostAndPort> servers, Duration timeout) {
    this.role = role;
    this.servers = List.copyOf(servers);
    this.timeoutMillis = Math.max(1, timeout.toMillis());
    ConnectionFactoryBuilder builder = new ConnectionFactoryBuilder()
        .setProtocol(ConnectionFactoryBuilder.Protocol.TEXT)
        .setLocatorType(ConnectionFactoryBuilder.Locator.CONSISTENT)
        .setHashAlg(DefaultHashAlgorithm.KETAMA_HASH)
        .setFailureMode(FailureMode.Cancel)
        .setOpTimeout(timeoutMillis)
        .setMaxReconnectDelay(2)
        .setDaemon(true);
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (HostAndPort server : servers) {
      addresses.add(InetSocketAddress.createUnresolved(server.host(), server.port()));
    }
    try {
      this.client = new MemcachedClient(builder.build(), resolve(addresses));
    } catch (IOException e) {
      throw new CacheException("Cannot connect to " + role + " memcached " + servers + ": " + e.getMessage(), e);
    }
    this.crawler = new KeyCrawler(role, servers, timeout);
    awaitConnections();
  }

  /**
   * In {@code Cancel} mode an operation for a server whose connection is not up yet fails at once,
   * and a new client connects asynchronously; so give the connections up to one timeout to come up
   * before the first operation. A server still down after that fails its operations, as it should.
   */
  private void awaitConnections() {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (System.nanoTime() < deadline) {
      boolean allActive = true;
      for (MemcachedNode node : client.getNodeLocator().getAll()) {
        allActive &= node.isActive();
      }
      if (allActive) {
        return;
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  private static List<InetSocketAddress> resolve(List<InetSocketAddress> unresolved) {
    List<InetSocketAddress> resolved = new ArrayList<>();
    for (InetSocketAddress address : unresolved) {
      resolved.add(new InetSocketAddress(address.getHostString(), address.getPort()));
    }
    return resolved;
  }

  ItemVersion gets(String key) {
    CASValue<byte[]> value = await(client.asyncGets(key, BytesTranscoder.INSTANCE), "gets", List.of(key));
    return value == null ? null : new ItemVersion(value.getValue(), value.getCas());
  }

  Map<String, byte[]> getBulk(Collection<String> keys) {
    if (keys.isEmpty()) {
      return Map.of();
    }
    return await(client.asyncGetBulk(keys, BytesTranscoder.INSTANCE), "get", keys);
  }

  void set(String key, int expiration, byte[] value) {
    OperationFuture<Boolean> future = client.set(key, expiration, value, BytesTranscoder.INSTANCE);
    if (!await(future, "set", List.of(key))) {
      throw refused("set", key, future);
    }
  }

  /** @return false if the key already holds an item */
  boolean add(String key, int expiration, byte[] value) {
    OperationFuture<Boolean> future = client.add(key, expiration, value, BytesTranscoder.INSTANCE);
    boolean stored = await(future, "add", List.of(key));
    if (!stored && future.getStatus().getMessage() != null
        && !future.getStatus().getMessage().contains("NOT_STORED")) {
      throw refused("add", key, future);
    }
    return stored;
  }

  CasOutcome cas(String key, long cas, int expiration, byte[] value) {
    OperationFuture<CASResponse> future = client.asyncCAS(key, cas, expiration, value, BytesTranscoder.INSTANCE);
    CASResponse response = await(future, "cas", List.of(key));
    return switch (response) {
      case OK -> CasOutcome.STORED;
      case EXISTS -> CasOutcome.CHANGED;
      case NOT_FOUND -> CasOutcome.GONE;
      default -> throw refused("cas", key, future);
    };
  }

  /** @return false if there was nothing to delete */
  boolean delete(String key) {
    return await(client.delete(key), "delete", List.of(key));
  }

  /** Every key on every server that starts with {@code prefix}. */
  List<String> keysWithPrefix(String prefix) {
    return crawler.keysWithPrefix(prefix);
  }

  /** The smallest {@code item_size_max} among the servers that answer. */
  int itemSizeMax() {
    int known = itemSizeMax;
    if (known > 0) {
      return known;
    }
    int smallest = Integer.MAX_VALUE;
    for (Map<String, String> settings : client.getStats("settings").values()) {
      String value = settings.get("item_size_max");
      if (value != null) {
        smallest = Math.min(smallest, Integer.parseInt(value.trim()));
      }
    }
    if (smallest == Integer.MAX_VALUE) {
      return DEFAULT_ITEM_SIZE_MAX;
    }
    itemSizeMax = smallest;
    return smallest;
  }

  String describe() {
    return role + " memcached " + servers;
  }

  @Override
  public void close() {
    client.shutdown(timeoutMillis, TimeUnit.MILLISECONDS);
  }

  private <T> T await(Future<T> future, String operation, Collection<String> keys) {
    try {
      return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw new CacheException(role + " memcached " + serversOf(keys) + " did not answer " + operation
          + " within " + timeoutMillis + " ms (dualcache.timeout)");
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new CacheException("Interrupted while waiting for " + operation + " on " + role + " memcached "
          + serversOf(keys));
    } catch (ExecutionException | IllegalStateException e) {
      String reason = e instanceof ExecutionException && e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
      throw new CacheException(role + " memcached " + serversOf(keys) + " failed " + operation
          + " (server down or connection lost): " + reason);
    }
  }

  private CacheException refused(String operation, String key, OperationFuture<?> future) {
    return new CacheException(role + " memcached " + serversOf(List.of(key)) + " refused " + operation + ": "
        + future.getStatus().getMessage());
  }

  private String serversOf(Collection<String> keys) {
    TreeSet<String> names = new TreeSet<>();
    for (String key : keys) {
      SocketAddress address = client.getNodeLocator().getPrimary(key).getSocketAddress();
      names.add(address instanceof InetSocketAddress inet ? inet.getHostString() + ":" + inet.getPort() : String.valueOf(address));
    }
    return String.join(",", names);
  }
}
