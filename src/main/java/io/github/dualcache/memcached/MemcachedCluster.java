package io.github.dualcache.memcached;

import io.github.dualcache.settings.HostAndPort;
import io.github.dualcache.time.TimeSource;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import javax.cache.CacheException;
import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.FailureMode;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.MemcachedNode;
import net.spy.memcached.NodeLocator;
import net.spy.memcached.internal.CheckedOperationTimeoutException;
import net.spy.memcached.internal.OperationFuture;
import net.spy.memcached.ops.ArrayOperationQueueFactory;

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
 *
 * <p>What bounds a call, whatever the number of callers:
 * <ul>
 *   <li>each operation has one deadline, the timeout from when it was asked for, and the wait for
 *       room in spymemcached's operation queue counts against it (a queue that stays full fails
 *       the call with a message saying so, instead of spymemcached's {@code IllegalStateException});
 *   <li>each server has a {@link CircuitBreaker}: after one timeout, its calls fail at once for
 *       {@link #backoffNanos} (the timeout, at least 100 ms and at most 1 s), then one call at a
 *       time tests it until it answers. A frozen server costs each caller at most one timeout, and
 *       a call that needs it twice (generation, then entry) pays once;
 *   <li>a bulk get is split by server, so a server that is down or frozen fails it at once rather
 *       than having spymemcached send its keys to another server, as {@code asyncGetBulk} does
 *       whatever the failure mode.
 * </ul>
 *
 * <p>Backoffs (the breakers', the item size's re-read) follow the CacheManager's {@link TimeSource};
 * call deadlines stay on {@link System#nanoTime()}: they bound real waits on spymemcached's
 * futures and queues, which a driven clock cannot shorten.
 */
final class MemcachedCluster implements AutoCloseable {
  static {
    SpymemcachedLogger.install();
  }

  private static final Logger LOGGER = System.getLogger(MemcachedCluster.class.getName());
  /** memcached's default item size, used until a server reports its own. */
  private static final int DEFAULT_ITEM_SIZE_MAX = 1024 * 1024;
  static final long MIN_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * For tests only: when positive, the capacity of each of spymemcached's three operation queues
   * per server (its default is 16,384) for clusters created afterwards, so a test can fill them.
   */
  static volatile int queueCapacityForTests;

  private final String role;
  private final List<HostAndPort> servers;
  private final long timeoutMillis;
  private final long timeoutNanos;
  private final long backoffNanos;
  private final MemcachedClient client;
  /**
   * Which server holds a key. {@code getNodeLocator()} copies the whole ketama ring (160 points per
   * server) on every call, which cost more than the rest of a local hit; the servers never change,
   * so one copy taken at the start answers for the client's life.
   */
  private final NodeLocator locator;
  private final KeyCrawler crawler;
  private final Map<SocketAddress, CircuitBreaker> breakers = new HashMap<>();
  private final TimeSource time;
  private volatile int itemSizeMax;
  private volatile long itemSizeRetryAtNanos;

  MemcachedCluster(String role, List<HostAndPort> servers, Duration timeout, TimeSource time) {
    this.role = role;
    this.time = time;
    this.servers = List.copyOf(servers);
    this.timeoutMillis = Math.max(1, timeout.toMillis());
    this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    this.backoffNanos = Math.min(MAX_BACKOFF_NANOS, Math.max(MIN_BACKOFF_NANOS, timeoutNanos));
    this.itemSizeRetryAtNanos = time.nanoTime();
    ConnectionFactoryBuilder builder = new ConnectionFactoryBuilder()
        .setProtocol(ConnectionFactoryBuilder.Protocol.TEXT)
        .setLocatorType(ConnectionFactoryBuilder.Locator.CONSISTENT)
        .setHashAlg(DefaultHashAlgorithm.KETAMA_HASH)
        .setFailureMode(FailureMode.Cancel)
        .setOpTimeout(timeoutMillis)
        // spymemcached's default is 10 s: a caller finding the queue full would wait that long
        .setOpQueueMaxBlockTime(timeoutMillis)
        .setMaxReconnectDelay(2)
        .setDaemon(true);
    int capacity = queueCapacityForTests;
    if (capacity > 0) {
      builder.setOpQueueFactory(new ArrayOperationQueueFactory(capacity))
          .setReadOpQueueFactory(new ArrayOperationQueueFactory(capacity))
          .setWriteOpQueueFactory(new ArrayOperationQueueFactory(capacity));
    }
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (HostAndPort server : servers) {
      addresses.add(InetSocketAddress.createUnresolved(server.host(), server.port()));
    }
    try {
      this.client = new MemcachedClient(builder.build(), resolve(addresses));
    } catch (IOException e) {
      throw new CacheException("Cannot connect to " + role + " memcached " + servers + ": " + e.getMessage(), e);
    }
    this.locator = client.getNodeLocator();
    for (MemcachedNode node : locator.getAll()) {
      breakers.put(node.getSocketAddress(), new CircuitBreaker(role, name(node.getSocketAddress()), timeoutNanos,
          backoffNanos, time));
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
    long deadline = System.nanoTime() + timeoutNanos;
    while (System.nanoTime() < deadline) {
      boolean allActive = true;
      for (MemcachedNode node : locator.getAll()) {
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

  /** How long a server that timed out is failed at once before a call tests it again. */
  long backoffNanos() {
    return backoffNanos;
  }

  /** The item under {@code key}, or null; for reads that will not write it back, so need no CAS. */
  byte[] get(String key) {
    Call call = new Call("get", key);
    return call.await(call.send(() -> client.asyncGet(key, BytesTranscoder.INSTANCE)));
  }

  ItemVersion gets(String key) {
    Call call = new Call("gets", key);
    return item(call.await(call.send(() -> client.asyncGets(key, BytesTranscoder.INSTANCE))));
  }

  private static ItemVersion item(CASValue<byte[]> value) {
    return value == null ? null : new ItemVersion(value.getValue(), value.getCas());
  }

  /**
   * Starts a {@code gets} that several threads may wait for ({@link PendingGets#await}), each
   * only until the operation's own deadline; fails at once if the server's breaker is open.
   */
  PendingGets getsAsync(String key) {
    Call call = new Call("gets", key);
    return new PendingGets(call, call.send(() -> client.asyncGets(key, BytesTranscoder.INSTANCE)));
  }

  /** A {@code gets} in flight; see {@link #getsAsync}. */
  final class PendingGets {
    private final Call call;
    private final Future<CASValue<byte[]>> future;

    private PendingGets(Call call, Future<CASValue<byte[]>> future) {
      this.call = call;
      this.future = future;
    }

    /** True if the server had timed out before and this read is the one testing it again. */
    boolean isProbe() {
      return call.admission == CircuitBreaker.Admission.PROBE;
    }

    /** True once {@link #await} returns at once: answered, failed, or past its deadline. */
    boolean isSettled() {
      return future.isDone() || System.nanoTime() - call.deadlineNanos >= 0;
    }

    /**
     * The item (null if there is none), waiting at most until the operation's deadline. A waiter
     * that is interrupted leaves the read to the others.
     */
    ItemVersion await() {
      return item(call.await(future, false));
    }

    String server() {
      return call.breaker.server();
    }
  }

  /** The items found under {@code keys}, one round trip per server, all within one timeout. */
  Map<String, byte[]> getBulk(Collection<String> keys) {
    if (keys.isEmpty()) {
      return Map.of();
    }
    Map<MemcachedNode, List<String>> byServer = new LinkedHashMap<>();
    for (String key : keys) {
      byServer.computeIfAbsent(locator.getPrimary(key), node -> new ArrayList<>()).add(key);
    }
    List<Call> calls = new ArrayList<>();
    List<Future<Map<String, byte[]>>> futures = new ArrayList<>();
    try {
      for (Map.Entry<MemcachedNode, List<String>> group : byServer.entrySet()) {
        Call call = new Call("get", group.getValue().get(0));
        calls.add(call);
        if (!group.getKey().isActive()) {
          // asyncGetBulk would read this server's keys from another server: fail as Cancel does
          throw call.failed("server down or connection lost");
        }
        futures.add(call.send(() -> client.asyncGetBulk(group.getValue(), BytesTranscoder.INSTANCE)));
      }
    } catch (RuntimeException e) {
      futures.forEach(future -> future.cancel(true));
      calls.forEach(Call::abandoned);
      throw e;
    }
    Map<String, byte[]> found = new HashMap<>();
    CacheException failure = null;
    for (int i = 0; i < calls.size(); i++) {
      try {
        found.putAll(calls.get(i).await(futures.get(i)));
      } catch (CacheException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
    return found;
  }

  void set(String key, int expiration, byte[] value) {
    Call call = new Call("set", key);
    OperationFuture<Boolean> future = call.send(() -> client.set(key, expiration, value, BytesTranscoder.INSTANCE));
    if (!call.await(future)) {
      throw refused("set", key, future);
    }
  }

  /** @return false if the key already holds an item */
  boolean add(String key, int expiration, byte[] value) {
    Call call = new Call("add", key);
    OperationFuture<Boolean> future = call.send(() -> client.add(key, expiration, value, BytesTranscoder.INSTANCE));
    boolean stored = call.await(future);
    if (!stored && future.getStatus().getMessage() != null
        && !future.getStatus().getMessage().contains("NOT_STORED")) {
      throw refused("add", key, future);
    }
    return stored;
  }

  CasOutcome cas(String key, long cas, int expiration, byte[] value) {
    Call call = new Call("cas", key);
    OperationFuture<CASResponse> future =
        call.send(() -> client.asyncCAS(key, cas, expiration, value, BytesTranscoder.INSTANCE));
    CASResponse response = call.await(future);
    return switch (response) {
      case OK -> CasOutcome.STORED;
      case EXISTS -> CasOutcome.CHANGED;
      case NOT_FOUND -> CasOutcome.GONE;
      default -> throw refused("cas", key, future);
    };
  }

  /**
   * Every key on every server that starts with {@code prefix}. A server known not to answer fails
   * it at once; the crawl's own wait is bounded by {@link KeyCrawler}.
   */
  List<String> keysWithPrefix(String prefix) {
    for (CircuitBreaker breaker : breakers.values()) {
      breaker.refuseIfOpen("lru_crawler metadump");
    }
    return crawler.keysWithPrefix(prefix);
  }

  /**
   * The smallest {@code item_size_max} among the servers that answer. Asked once; while no server
   * answers, memcached's default is assumed and the servers are asked again at most once per
   * backoff, so writes do not each wait a timeout for it.
   */
  int itemSizeMax() {
    int known = itemSizeMax;
    if (known > 0) {
      return known;
    }
    if (time.nanoTime() - itemSizeRetryAtNanos < 0) {
      return DEFAULT_ITEM_SIZE_MAX;
    }
    int smallest = Integer.MAX_VALUE;
    try {
      for (Map<String, String> settings : client.getStats("settings").values()) {
        String value = settings.get("item_size_max");
        if (value != null) {
          smallest = Math.min(smallest, Integer.parseInt(value.trim()));
        }
      }
    } catch (RuntimeException e) {
      // a full queue or a closed client (IllegalStateException), or a late answer racing our read
      smallest = Integer.MAX_VALUE;
    }
    if (smallest == Integer.MAX_VALUE) {
      itemSizeRetryAtNanos = time.nanoTime() + backoffNanos;
      return DEFAULT_ITEM_SIZE_MAX;
    }
    itemSizeMax = smallest;
    return smallest;
  }

  String describe() {
    return role + " memcached " + servers;
  }

  /** Whether the client has a connection to the server that holds {@code key}. */
  boolean isConnected(String key) {
    return locator.getPrimary(key).isActive();
  }

  /** The server that holds {@code key}, as {@code host:port}. */
  String serverOf(String key) {
    return breakerFor(key).server();
  }

  /**
   * Waits up to one timeout for queued operations, then stops the IO thread. spymemcached's wait
   * queues an operation per server, which throws when a queue is full (a server not answering);
   * the client is shut down all the same, so that is no reason for {@code close()} to fail.
   */
  @Override
  public void close() {
    try {
      client.shutdown(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (RuntimeException e) {
      LOGGER.log(Level.DEBUG, "Closing " + describe() + " without waiting for its queues: " + e.getMessage());
    }
  }

  private CircuitBreaker breakerFor(String key) {
    return breakers.get(locator.getPrimary(key).getSocketAddress());
  }

  /**
   * One operation on the server holding a key: admitted by that server's breaker (or failed at
   * once), then bounded by one deadline from the moment it was asked for.
   */
  private final class Call {
    private final String operation;
    private final CircuitBreaker breaker;
    private final CircuitBreaker.Admission admission;
    private final long deadlineNanos;

    Call(String operation, String key) {
      this.operation = operation;
      this.deadlineNanos = System.nanoTime() + timeoutNanos;
      this.breaker = breakerFor(key);
      this.admission = breaker.admit(operation);
    }

    /** Hands the operation to spymemcached, whose queue may make us wait (at most the timeout). */
    <F extends Future<?>> F send(Supplier<F> submit) {
      try {
        return submit.get();
      } catch (IllegalStateException e) {
        String reason = String.valueOf(e.getMessage());
        if (reason.startsWith("Timed out waiting to add")) {
          breaker.timedOut();
          throw new CacheException(role + " memcached " + breaker.server() + " failed " + operation
              + ": the client's queue of operations for it stayed full for " + timeoutMillis
              + " ms (dualcache.timeout); the server is not keeping up or not answering", e);
        }
        abandoned();
        throw failed(reason.startsWith("Shutting down") ? "the client is shut down (CacheManager closed)" : reason, e);
      } catch (RuntimeException e) {
        abandoned();
        throw e;
      }
    }

    <T> T await(Future<T> future) {
      return await(future, true);
    }

    /** @param cancelOnInterrupt false for an operation other threads are waiting for too */
    <T> T await(Future<T> future, boolean cancelOnInterrupt) {
      try {
        T value = future.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        breaker.answered();
        return value;
      } catch (TimeoutException e) {
        future.cancel(true);
        breaker.timedOut();
        throw new CacheException(role + " memcached " + breaker.server() + " did not answer " + operation
            + " within " + timeoutMillis + " ms (dualcache.timeout)", e);
      } catch (InterruptedException e) {
        if (cancelOnInterrupt) {
          future.cancel(true);
          abandoned();
        }
        Thread.currentThread().interrupt();
        throw new CacheException("Interrupted while waiting for " + operation + " on " + role + " memcached "
            + breaker.server(), e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof CheckedOperationTimeoutException) {
          breaker.timedOut();
        } else {
          abandoned();
        }
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        throw failed(cause.getMessage(), cause);
      }
    }

    /** The call ended telling nothing about the server: a probe it was frees its slot. */
    void abandoned() {
      breaker.released(admission);
    }

    CacheException failed(String reason) {
      return failed(reason, null);
    }

    /** @param cause what the client threw, kept so that a stack trace shows where it failed */
    CacheException failed(String reason, Throwable cause) {
      return new CacheException(role + " memcached " + breaker.server() + " failed " + operation
          + " (server down or connection lost): " + reason, cause);
    }
  }

  private CacheException refused(String operation, String key, OperationFuture<?> future) {
    return new CacheException(role + " memcached " + serverOf(key) + " refused " + operation + ": "
        + future.getStatus().getMessage());
  }

  private static String name(SocketAddress address) {
    return address instanceof InetSocketAddress inet ? inet.getHostString() + ":" + inet.getPort() : String.valueOf(address);
  }
}
