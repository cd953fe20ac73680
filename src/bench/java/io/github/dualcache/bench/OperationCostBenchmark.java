package io.github.dualcache.bench;

import io.github.dualcache.testing.MemcachedServer;
import java.io.Serializable;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;
import net.spy.memcached.CASResponse;
import net.spy.memcached.CASValue;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.MemcachedClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of one operation, each beside what it should be compared with, measured in the same
 * run by {@link BenchmarkSuite} (which sets forks, iterations and threads):
 *
 * <ul>
 *   <li>{@code heapHit_*}: a hit in dualcache's heap layer, Caffeine's JCache and the JSR-107 RI,
 *       all store-by-value;
 *   <li>{@code localHit_dualcache} (a hit in a local memcached layer) and {@code globalGet_dualcache}
 *       (no local layer) against {@code get_spymemcached} (the same client library, raw) and
 *       {@code get_socket} (one blocking socket, text protocol: the floor);
 *   <li>{@code put_dualcache} against {@code set_spymemcached}; {@code invoke_dualcache} (read,
 *       then write, in an entry processor) against {@code gets+cas} with spymemcached.
 * </ul>
 *
 * <p>Every state starts its own memcached; the hot key is written once before measuring.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class OperationCostBenchmark {
  static final String DUALCACHE = "io.github.dualcache.spi.DualcacheCachingProvider";
  static final String CAFFEINE = "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";
  static final String RI = "org.jsr107.ri.spi.RICachingProvider";
  static final String HOT = "hot";
  // spymemcached logs every connection at INFO; held here so the setting is not garbage collected
  private static final java.util.logging.Logger SPYMEMCACHED = java.util.logging.Logger.getLogger("net.spy.memcached");

  /** The value every state stores under the hot key. */
  @State(Scope.Benchmark)
  public static class Value {
    @Param({"100", "1024", "10240"})
    public int valueBytes;

    String text;

    @Setup(Level.Trial)
    public void make() {
      SPYMEMCACHED.setLevel(java.util.logging.Level.WARNING);
      text = "v".repeat(valueBytes);
    }
  }

  /** A JCache {@code Cache<String, String>} of one provider, with the hot key in it. */
  public abstract static class JCacheState {
    CacheManager manager;
    Cache<String, String> cache;
    String text;
    private MemcachedServer global;
    private MemcachedServer local;

    void open(String provider, String layer, Value value) {
      Properties properties = new Properties();
      if (layer != null) {
        global = MemcachedServer.start("-m", "64");
        properties.setProperty("dualcache.global.servers", global.address());
        properties.setProperty("dualcache.local.type", layer);
        // a hit must stay a hit for the whole measurement
        properties.setProperty("dualcache.local.ttl", "1h");
        // generous: on a loaded machine one slow answer must not abort the whole JMH run
        properties.setProperty("dualcache.timeout", "10s");
        if (layer.equals("memcached")) {
          local = MemcachedServer.start("-m", "64");
          properties.setProperty("dualcache.local.servers", local.address());
        }
      }
      manager = Caching.getCachingProvider(provider)
          .getCacheManager(URI.create("bench://" + UUID.randomUUID()), OperationCostBenchmark.class.getClassLoader(),
              properties);
      cache = manager.createCache("op-cost",
          new MutableConfiguration<String, String>().setTypes(String.class, String.class).setStoreByValue(true));
      text = value.text;
      cache.put(HOT, text);
      if (!text.equals(cache.get(HOT))) {
        throw new IllegalStateException(provider + " does not return what was put");
      }
    }

    @TearDown(Level.Trial)
    public void close() {
      manager.close();
      if (local != null) {
        local.close();
      }
      if (global != null) {
        global.close();
      }
    }
  }

  @State(Scope.Benchmark)
  public static class DualcacheHeap extends JCacheState {
    @Setup(Level.Trial)
    public void start(Value value) {
      open(DUALCACHE, "heap", value);
    }
  }

  @State(Scope.Benchmark)
  public static class DualcacheLocalMemcached extends JCacheState {
    @Setup(Level.Trial)
    public void start(Value value) {
      open(DUALCACHE, "memcached", value);
    }
  }

  @State(Scope.Benchmark)
  public static class DualcacheGlobalOnly extends JCacheState {
    @Setup(Level.Trial)
    public void start(Value value) {
      open(DUALCACHE, "none", value);
    }
  }

  @State(Scope.Benchmark)
  public static class CaffeineHeap extends JCacheState {
    @Setup(Level.Trial)
    public void start(Value value) {
      open(CAFFEINE, null, value);
    }
  }

  @State(Scope.Benchmark)
  public static class ReferenceImplementation extends JCacheState {
    @Setup(Level.Trial)
    public void start(Value value) {
      open(RI, null, value);
    }
  }

  /** A memcached and a raw spymemcached client to it, with the hot key stored. */
  @State(Scope.Benchmark)
  public static class Spymemcached {
    MemcachedServer server;
    MemcachedClient client;
    String text;

    @Setup(Level.Trial)
    public void start(Value value) throws Exception {
      server = MemcachedServer.start("-m", "64");
      client = new MemcachedClient(new ConnectionFactoryBuilder().setOpTimeout(10_000).build(),
          List.of(new InetSocketAddress("127.0.0.1", server.port())));
      text = value.text;
      client.set(HOT, 0, text).get();
    }

    @TearDown(Level.Trial)
    public void stop() {
      client.shutdown();
      server.close();
    }
  }

  /** A memcached with the hot key, shared by all threads. */
  @State(Scope.Benchmark)
  public static class RawServer {
    MemcachedServer server;

    @Setup(Level.Trial)
    public void start(Value value) {
      server = MemcachedServer.start("-m", "64");
      try (TextProtocolClient client = TextProtocolClient.connect(server.address())) {
        client.set(HOT, value.text.getBytes(StandardCharsets.UTF_8));
      }
    }

    @TearDown(Level.Trial)
    public void stop() {
      server.close();
    }
  }

  /** Each thread's own blocking socket to {@link RawServer}. */
  @State(Scope.Thread)
  public static class RawSocket {
    TextProtocolClient client;
    final byte[] getHot = TextProtocolClient.getCommand(HOT);

    @Setup(Level.Trial)
    public void connect(RawServer server) {
      client = TextProtocolClient.connect(server.server.address());
    }

    @TearDown(Level.Trial)
    public void close() {
      client.close();
    }
  }

  /** Reads the entry and writes it back: one read-modify-write. */
  static final class Rewrite implements EntryProcessor<String, String, String>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public String process(MutableEntry<String, String> entry, Object... arguments) {
      String old = entry.getValue();
      entry.setValue((String) arguments[0]);
      return old;
    }
  }

  private static final Rewrite REWRITE = new Rewrite();

  @Benchmark
  public String heapHit_dualcache(DualcacheHeap state) {
    return state.cache.get(HOT);
  }

  @Benchmark
  public String heapHit_caffeine(CaffeineHeap state) {
    return state.cache.get(HOT);
  }

  @Benchmark
  public String heapHit_ri(ReferenceImplementation state) {
    return state.cache.get(HOT);
  }

  @Benchmark
  public String localHit_dualcache(DualcacheLocalMemcached state) {
    return state.cache.get(HOT);
  }

  @Benchmark
  public String globalGet_dualcache(DualcacheGlobalOnly state) {
    return state.cache.get(HOT);
  }

  @Benchmark
  public Object get_spymemcached(Spymemcached state) {
    return state.client.get(HOT);
  }

  @Benchmark
  public byte[] get_socket(RawSocket socket) {
    return socket.client.get(socket.getHot);
  }

  @Benchmark
  public void put_dualcache(DualcacheGlobalOnly state) {
    state.cache.put(HOT, state.text);
  }

  @Benchmark
  public Object set_spymemcached(Spymemcached state) throws Exception {
    return state.client.set(HOT, 0, state.text).get();
  }

  @Benchmark
  public String invoke_dualcache(DualcacheGlobalOnly state) {
    return state.cache.invoke(HOT, REWRITE, state.text);
  }

  @Benchmark
  public CASResponse getsCas_spymemcached(Spymemcached state) {
    CASValue<Object> current = state.client.gets(HOT);
    return state.client.cas(HOT, current.getCas(), state.text);
  }
}
