package io.github.dualcache.bench;

import io.github.dualcache.testing.MemcachedServer;
import java.net.URI;
import java.util.Properties;
import java.util.UUID;
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
 * The latency of one {@code get()} for each local layer: a hot key (served locally but once per
 * local TTL) and an absent key (local miss, then global miss, every time).
 *
 * <p>Only in the {@code bench} profile, which adds JMH; run from the repository root (memcached on
 * the PATH or in {@code MEMCACHED_BIN}; under a minute):
 *
 * <pre>mvn -q -Pbench test-compile exec:exec@jmh</pre>
 *
 * <p>JMH options go in {@code -Djmh.args="..."}, e.g. {@code -Djmh.args="-p layer=heap -f 1 -wi 1"}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ReadPathBenchmark {
  private static final String PROVIDER = "io.github.dualcache.spi.DualcacheCachingProvider";
  // spymemcached logs every connection at INFO; held here so the setting is not garbage collected
  private static final java.util.logging.Logger SPYMEMCACHED = java.util.logging.Logger.getLogger("net.spy.memcached");

  @Param({"none", "heap", "memcached"})
  public String layer;

  @Param({"1000ms"})
  public String localTtl;

  private MemcachedServer global;
  private MemcachedServer local;
  private CacheManager manager;
  private Cache<String, String> cache;

  @Setup(Level.Trial)
  public void start() {
    SPYMEMCACHED.setLevel(java.util.logging.Level.WARNING);
    global = MemcachedServer.start("-m", "64");
    Properties properties = new Properties();
    properties.setProperty("dualcache.global.servers", global.address());
    properties.setProperty("dualcache.local.type", layer);
    properties.setProperty("dualcache.local.ttl", localTtl);
    properties.setProperty("dualcache.timeout", "2s");
    if (layer.equals("memcached")) {
      local = MemcachedServer.start("-m", "64");
      properties.setProperty("dualcache.local.servers", local.address());
    }
    manager = Caching.getCachingProvider(PROVIDER)
        .getCacheManager(URI.create("dualcache://jmh-" + layer), ReadPathBenchmark.class.getClassLoader(), properties);
    cache = manager.createCache("read-path-" + UUID.randomUUID(),
        new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    cache.put("hot", "v".repeat(100));
  }

  @TearDown(Level.Trial)
  public void stop() {
    manager.close();
    if (local != null) {
      local.close();
    }
    global.close();
  }

  @Benchmark
  public String getHotKey() {
    return cache.get("hot");
  }

  @Benchmark
  public String getAbsentKey() {
    return cache.get("absent");
  }
}
