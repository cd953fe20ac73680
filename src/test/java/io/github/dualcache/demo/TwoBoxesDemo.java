package io.github.dualcache.demo;

import io.github.dualcache.cache.DualcacheCache;
import io.github.dualcache.management.LayerStatistics;
import io.github.dualcache.testing.MemcachedServer;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;
import javax.cache.spi.CachingProvider;

/**
 * Two web boxes sharing one global memcached, each with its own local memcached: what one box's
 * writes look like from the other, in a dozen printed lines.
 *
 * <p>Run from the repository root (memcached on the PATH or in {@code MEMCACHED_BIN}):
 *
 * <pre>mvn -q test-compile exec:exec@demo</pre>
 *
 * <p>{@code -Ddemo.args="--ttl 500ms"} changes the local TTL (default 1s, the seed's).
 */
public final class TwoBoxesDemo {
  private static final String PROVIDER = "io.github.dualcache.spi.DualcacheCachingProvider";
  // spymemcached logs every connection at INFO; held here so the setting is not garbage collected
  private static final Logger SPYMEMCACHED = Logger.getLogger("net.spy.memcached");

  private final Duration ttl;
  private final MemcachedServer global;
  private final long started = System.nanoTime();

  private TwoBoxesDemo(Duration ttl, MemcachedServer global) {
    this.ttl = ttl;
    this.global = global;
  }

  public static void main(String[] args) throws Exception {
    Duration ttl = Duration.ofSeconds(1);
    if (args.length == 2 && args[0].equals("--ttl")) {
      ttl = parse(args[1]);
    } else if (args.length != 0) {
      throw new IllegalArgumentException("usage: TwoBoxesDemo [--ttl 1s|500ms]");
    }
    SPYMEMCACHED.setLevel(Level.WARNING);
    long started = System.nanoTime();
    try (MemcachedServer global = MemcachedServer.start();
        MemcachedServer localA = MemcachedServer.start();
        MemcachedServer localB = MemcachedServer.start()) {
      System.out.printf(Locale.ROOT, "global memcached %s; box A's local memcached %s, box B's %s; local TTL %d ms%n",
          global.address(), localA.address(), localB.address(), ttl.toMillis());
      CachingProvider provider = Caching.getCachingProvider(PROVIDER);
      try {
        CacheManager boxA = box(provider, "box-a", global, localA, ttl);
        CacheManager boxB = box(provider, "box-b", global, localB, ttl);
        new TwoBoxesDemo(ttl, global).run(boxA, boxB, localA, localB);
      } finally {
        provider.close(); // closes both managers and their memcached connections
      }
    }
    System.out.printf(Locale.ROOT, "%nmanagers closed, memcached stopped; demo took %.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  private static CacheManager box(CachingProvider provider, String name, MemcachedServer global,
      MemcachedServer local, Duration ttl) {
    Properties properties = new Properties();
    properties.setProperty("dualcache.global.servers", global.address());
    properties.setProperty("dualcache.local.type", "memcached");
    properties.setProperty("dualcache.local.servers", local.address());
    properties.setProperty("dualcache.local.ttl", ttl.toMillis() + "ms");
    properties.setProperty("dualcache.timeout", "1s");
    return provider.getCacheManager(URI.create("dualcache://" + name), TwoBoxesDemo.class.getClassLoader(), properties);
  }

  private void run(CacheManager boxA, CacheManager boxB, MemcachedServer localA, MemcachedServer localB)
      throws Exception {
    MutableConfiguration<String, String> strings = new MutableConfiguration<String, String>().setTypes(String.class, String.class);
    MutableConfiguration<String, Integer> counts = new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class);
    // Both boxes create the caches: each attaches to what the global layer holds under the name.
    Cache<String, String> greetingsA = boxA.createCache("greetings", strings);
    Cache<String, String> greetingsB = boxB.createCache("greetings", strings);
    Cache<String, Integer> countersA = boxA.createCache("counters", counts);
    Cache<String, Integer> countersB = boxB.createCache("counters", counts);

    System.out.println();
    greetingsA.put("greeting", "hello");
    say("A puts greeting=hello; B reads %s (from the global memcached, now also in B's local one)",
        greetingsB.get("greeting"));

    greetingsA.put("greeting", "bonjour");
    long put = System.nanoTime();
    say("A puts greeting=bonjour; A reads %s (A's own write dropped A's local copy)", greetingsA.get("greeting"));
    say("   B reads %s right away: B's local copy, stale for at most the local TTL", greetingsB.get("greeting"));
    long fresh = waitUntil(() -> "bonjour".equals(greetingsB.get("greeting")));
    say("   B reads bonjour %d ms after A's put (local TTL %d ms)", (fresh - put) / 1_000_000, ttl.toMillis());

    long globalGets = cmdGet(global);
    long localGets = cmdGet(localB);
    int reads = 10_000;
    long burst = System.nanoTime();
    for (int i = 0; i < reads; i++) {
      Objects.requireNonNull(greetingsB.get("greeting"));
    }
    say("B reads greeting %,d times in %d ms: the global memcached served %d gets, B's local one %,d",
        reads, (System.nanoTime() - burst) / 1_000_000, cmdGet(global) - globalGets, cmdGet(localB) - localGets);

    int perBox = 50;
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> fromA = pool.submit(() -> increment(countersA, perBox));
      Future<?> fromB = pool.submit(() -> increment(countersB, perBox));
      fromA.get();
      fromB.get();
    } finally {
      pool.shutdown();
    }
    say("A and B each invoke an increment EntryProcessor %d times at once: visits = %d on A, %d on B"
        + " (CAS retries: A %d, B %d)", perBox, countersA.get("visits"), countersB.get("visits"),
        layers(countersA).getCasRetries(), layers(countersB).getCasRetries());

    Objects.requireNonNull(greetingsB.get("greeting"));
    greetingsA.clear();
    long cleared = System.nanoTime();
    say("A clears greetings; A reads %s; B reads %s right away (B's local copy)", greetingsA.get("greeting"),
        greetingsB.get("greeting"));
    long gone = waitUntil(() -> greetingsB.get("greeting") == null);
    say("   B reads null %d ms after the clear (local TTL %d ms)", (gone - cleared) / 1_000_000, ttl.toMillis());

    System.out.println();
    say("layer statistics of greetings (this JVM's counters):");
    printLayers("box A", layers(greetingsA));
    printLayers("box B", layers(greetingsB));
    say("memcached's own stats: global cmd_get %,d, cmd_set %,d; box A's local cmd_get %,d, box B's %,d",
        cmdGet(global), Long.parseLong(global.stats().get("cmd_set")), cmdGet(localA), cmdGet(localB));
  }

  private static void increment(Cache<String, Integer> counters, int times) {
    for (int i = 0; i < times; i++) {
      counters.invoke("visits", new Increment());
    }
  }

  /** Adds one to the entry's value (1 if absent): run on the global value, committed by CAS. */
  static final class Increment implements EntryProcessor<String, Integer, Integer> {
    @Override
    public Integer process(MutableEntry<String, Integer> entry, Object... arguments) {
      int next = entry.exists() ? entry.getValue() + 1 : 1;
      entry.setValue(next);
      return next;
    }
  }

  private static LayerStatistics layers(Cache<?, ?> cache) {
    return cache.unwrap(DualcacheCache.class).layerStatistics();
  }

  private static void printLayers(String box, LayerStatistics layers) {
    System.out.printf(Locale.ROOT,
        "   %s: local hits %,d, global hits %,d, misses %d, local fills %d, invalidations %d%n", box,
        layers.getLocalHits(), layers.getGlobalHits(), layers.getMisses(), layers.getLocalFills(),
        layers.getInvalidations());
  }

  /** Polls until {@code condition} holds and returns when it did; gives up after 3 local TTLs. */
  private long waitUntil(Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + 3 * ttl.toNanos() + 1_000_000_000L;
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("still not seen after 3 local TTLs + 1 s");
      }
      Thread.sleep(10);
    }
    return System.nanoTime();
  }

  private static long cmdGet(MemcachedServer server) {
    Map<String, String> stats = server.stats();
    return Long.parseLong(stats.get("cmd_get"));
  }

  private void say(String format, Object... arguments) {
    System.out.printf(Locale.ROOT, "[%5.2f s] %s%n", (System.nanoTime() - started) / 1e9,
        String.format(Locale.ROOT, format, arguments));
  }

  private static Duration parse(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    if (trimmed.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(trimmed.substring(0, trimmed.length() - 2)));
    }
    if (trimmed.endsWith("s")) {
      return Duration.ofSeconds(Long.parseLong(trimmed.substring(0, trimmed.length() - 1)));
    }
    return Duration.parse(text.trim());
  }
}
