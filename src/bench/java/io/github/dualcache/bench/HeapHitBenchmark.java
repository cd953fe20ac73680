package io.github.dualcache.bench;

import io.github.dualcache.testing.MemcachedServer;
import java.io.Serializable;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
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
 * A heap-layer hit against Caffeine's JCache provider, both store-by-value, for immutable values
 * (which neither needs to copy) and a mutable one (which both must).
 *
 * <p>Reading the figures: neither hit reads the system clock (dualcache judges its copy's local
 * TTL on a clock a thread refreshes every millisecond; Caffeine's hit of an eternal entry, this
 * benchmark's, needs none), and both caches run with statistics off, JCache's default, so neither
 * counts its hits. Run to run, both hits swing by about 0.5 ns.
 *
 * <p>Run from the repository root (memcached on the PATH or in {@code MEMCACHED_BIN}; a few minutes):
 *
 * <pre>mvn -q -Pbench test-compile exec:exec@jmh -Djmh.args="HeapHitBenchmark"</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class HeapHitBenchmark {
  private static final java.util.logging.Logger SPYMEMCACHED = java.util.logging.Logger.getLogger("net.spy.memcached");

  /** A record whose components are all immutable, so a heap hit may hand out the one instance. */
  public record Point(String name, int x, Instant at) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  @Param({"dualcache", "caffeine"})
  public String provider;

  @Param({"String", "Integer", "record", "ArrayList"})
  public String value;

  private MemcachedServer global;
  private CacheManager manager;
  private Cache<String, Object> cache;

  @Setup(Level.Trial)
  public void start() {
    SPYMEMCACHED.setLevel(java.util.logging.Level.WARNING);
    Object hot = switch (value) {
      case "String" -> "v".repeat(100);
      case "Integer" -> 123_456;
      case "record" -> new Point("p", 7, Instant.ofEpochSecond(1_700_000_000L));
      case "ArrayList" -> new ArrayList<>(List.of("a", "b", "c", "d", "e", "f", "g", "h"));
      default -> throw new IllegalArgumentException(value);
    };
    Properties properties = new Properties();
    String providerClass;
    if (provider.equals("dualcache")) {
      global = MemcachedServer.start("-m", "64");
      providerClass = "io.github.dualcache.spi.DualcacheCachingProvider";
      properties.setProperty("dualcache.global.servers", global.address());
      properties.setProperty("dualcache.local.type", "heap");
      properties.setProperty("dualcache.local.ttl", "1h");
      properties.setProperty("dualcache.timeout", "2s");
    } else {
      providerClass = "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";
    }
    manager = Caching.getCachingProvider(providerClass)
        .getCacheManager(URI.create(provider + "://jmh-heap-hit"), HeapHitBenchmark.class.getClassLoader(), properties);
    @SuppressWarnings("unchecked")
    Class<Object> type = (Class<Object>) hot.getClass();
    cache = manager.createCache("heap-hit-" + value,
        new MutableConfiguration<String, Object>().setTypes(String.class, type).setStoreByValue(true));
    cache.put("hot", hot);
    if (!hot.equals(cache.get("hot"))) {
      throw new IllegalStateException(provider + " does not return what was put");
    }
  }

  @TearDown(Level.Trial)
  public void stop() {
    manager.close();
    if (global != null) {
      global.close();
    }
  }

  @Benchmark
  public Object getHotKey() {
    return cache.get("hot");
  }
}
