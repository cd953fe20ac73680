package io.github.dualcache.bench;

import io.github.dualcache.cache.DualcacheCache;
import io.github.dualcache.management.LayerStatistics;
import io.github.dualcache.testing.MemcachedServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

/**
 * How much load a few hot keys put on the global memcached with each local layer (DESIGN.md, "Why
 * two levels"): global load should follow writes and hot keys x local TTLs, not reads.
 *
 * <p>Run from the repository root (memcached on the PATH or in {@code MEMCACHED_BIN}; about 75 s):
 *
 * <pre>mvn -q test-compile exec:exec@hotkey</pre>
 *
 * <p>Options go in {@code -Dhotkey.args="..."}, e.g. {@code -Dhotkey.args="--duration 2s --ttl
 * 200ms"}: {@code --layers none,heap,memcached}, {@code --keys 1,100}, {@code --threads 2},
 * {@code --duration 5s} (per run), {@code --reads N} (a fixed number of operations per run instead
 * of a duration), {@code --ttl 1s} (local TTL), {@code --write-percent 5} (the write-mix runs; 0
 * for none), {@code --value-bytes 100}, {@code --warmup 1s} (per layer, not measured).
 *
 * <p>It starts its own global memcached (and a local one for the {@code memcached} layer) and
 * counts global gets with the global server's own {@code stats cmd_get}, never with dualcache's
 * counters, which are shown beside them only as a cross-check ("local hit %").
 */
public final class HotKeyWorkload {
  private static final String PROVIDER = "io.github.dualcache.spi.DualcacheCachingProvider";
  // spymemcached logs every connection at INFO; held here so the setting is not garbage collected
  private static final Logger SPYMEMCACHED = Logger.getLogger("net.spy.memcached");

  private final Options options;
  private final MemcachedServer global;
  private MemcachedServer local;

  private HotKeyWorkload(Options options, MemcachedServer global) {
    this.options = options;
    this.global = global;
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    SPYMEMCACHED.setLevel(Level.WARNING);
    try (MemcachedServer global = MemcachedServer.start("-m", "64")) {
      HotKeyWorkload workload = new HotKeyWorkload(options, global);
      try {
        workload.run();
      } finally {
        if (workload.local != null) {
          workload.local.close();
        }
        Caching.getCachingProvider(PROVIDER).close();
      }
    }
  }

  private void run() throws InterruptedException {
    printHeader();
    long started = System.nanoTime();
    List<Result> results = new ArrayList<>();
    for (String layer : options.layers) {
      try (CacheManager manager = openManager(layer)) {
        warmUp(manager);
        for (int writePercent : options.writeMixes()) {
          for (int keys : options.keyCounts) {
            results.add(measure(manager, layer, keys, writePercent));
          }
        }
      }
    }
    for (int writePercent : options.writeMixes()) {
      for (int keys : options.keyCounts) {
        printTable(results, keys, writePercent);
      }
    }
    System.out.printf(Locale.ROOT, "%ntotal run time %.1f s%n", (System.nanoTime() - started) / 1e9);
  }

  private void printHeader() {
    Map<String, String> stats = global.stats();
    System.out.printf(Locale.ROOT, "dualcache hot-key workload: memcached %s (global %s), Java %s, %d CPUs%n",
        stats.get("version"), global.address(), Runtime.version(), Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "%d threads, %s per run, local TTL %d ms, %d-byte values, layers %s%n",
        options.threads, options.reads > 0 ? options.reads + " operations" : millis(options.duration),
        options.ttl.toMillis(), options.valueBytes, String.join(",", options.layers));
    System.out.println("global gets = delta of the GLOBAL memcached's stats cmd_get (entry reads and the"
        + " cache's generation token)");
  }

  private CacheManager openManager(String layer) {
    Properties properties = new Properties();
    properties.setProperty("dualcache.global.servers", global.address());
    properties.setProperty("dualcache.local.type", layer);
    properties.setProperty("dualcache.local.ttl", options.ttl.toMillis() + "ms");
    properties.setProperty("dualcache.timeout", "2s");
    if (layer.equals("memcached")) {
      if (local == null) {
        local = MemcachedServer.start("-m", "64");
      }
      properties.setProperty("dualcache.local.servers", local.address());
    }
    URI uri = URI.create("dualcache://hotkey-" + layer);
    return Caching.getCachingProvider(PROVIDER).getCacheManager(uri, HotKeyWorkload.class.getClassLoader(), properties);
  }

  private static Cache<String, String> newCache(CacheManager manager, String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    return manager.createCache(name, new MutableConfiguration<String, String>().setTypes(String.class, String.class));
  }

  private void warmUp(CacheManager manager) throws InterruptedException {
    if (options.warmup.isZero()) {
      return;
    }
    Cache<String, String> cache = newCache(manager, "warmup");
    String[] keys = fill(cache, 10);
    drive(cache, keys, options.writePercent, options.warmup, 0);
    manager.destroyCache(cache.getName());
  }

  private Result measure(CacheManager manager, String layer, int keyCount, int writePercent)
      throws InterruptedException {
    Cache<String, String> cache = newCache(manager, "hot");
    String[] keys = fill(cache, keyCount);
    LayerStatistics layers = cache.unwrap(DualcacheCache.class).layerStatistics();
    layers.clear();
    Map<String, String> globalBefore = global.stats();
    Driven driven = drive(cache, keys, writePercent, options.duration, options.reads);
    Map<String, String> globalAfter = global.stats();
    Result result = new Result(layer, keyCount, writePercent, driven,
        delta(globalBefore, globalAfter, "cmd_get"), delta(globalBefore, globalAfter, "cmd_set"),
        layers.getLocalHits());
    manager.destroyCache(cache.getName());
    System.out.printf(Locale.ROOT, "  measured %-9s %3d key(s), %d%% writes: %,d reads, %,d global gets%n",
        layer, keyCount, writePercent, driven.reads(), result.globalGets());
    return result;
  }

  private String[] fill(Cache<String, String> cache, int count) {
    String value = "v".repeat(options.valueBytes);
    String[] keys = new String[count];
    for (int i = 0; i < count; i++) {
      keys[i] = "hot-key-" + i;
      cache.put(keys[i], value);
    }
    return keys;
  }

  /**
   * {@code threads} threads pick a random key each time and read it (or, {@code writePercent}% of
   * the time, write it) until {@code duration} has passed or, if {@code operations > 0}, that many
   * operations were done in all.
   */
  private Driven drive(Cache<String, String> cache, String[] keys, int writePercent, Duration duration,
      long operations) throws InterruptedException {
    String value = "w".repeat(options.valueBytes);
    int threads = options.threads;
    LatencyHistogram[] readLatencies = new LatencyHistogram[threads];
    LatencyHistogram[] writeLatencies = new LatencyHistogram[threads];
    AtomicLong nullReads = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    long[] deadline = new long[1];
    for (int t = 0; t < threads; t++) {
      LatencyHistogram reads = readLatencies[t] = new LatencyHistogram();
      LatencyHistogram writes = writeLatencies[t] = new LatencyHistogram();
      long quota = operations > 0 ? operations / threads + (t < operations % threads ? 1 : 0) : Long.MAX_VALUE;
      Thread worker = new Thread(() -> {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        long end = deadline[0];
        for (long done = 0; done < quota; done++) {
          String key = keys[random.nextInt(keys.length)];
          boolean write = writePercent > 0 && random.nextInt(100) < writePercent;
          long before = System.nanoTime();
          try {
            if (write) {
              cache.put(key, value);
            } else if (cache.get(key) == null) {
              nullReads.incrementAndGet();
            }
          } catch (RuntimeException e) {
            if (failures.incrementAndGet() == 1) {
              System.err.println("first failure: " + e);
            }
          }
          long after = System.nanoTime();
          (write ? writes : reads).record(after - before);
          if (after - end >= 0) {
            break;
          }
        }
      }, "hotkey-" + t);
      workers.add(worker);
      worker.start();
    }
    long begin = System.nanoTime();
    deadline[0] = operations > 0 ? Long.MAX_VALUE + begin : begin + duration.toNanos();
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    long elapsed = System.nanoTime() - begin;
    LatencyHistogram reads = new LatencyHistogram();
    LatencyHistogram writes = new LatencyHistogram();
    for (int t = 0; t < threads; t++) {
      reads.add(readLatencies[t]);
      writes.add(writeLatencies[t]);
    }
    return new Driven(reads, writes, elapsed, nullReads.get(), failures.get());
  }

  private static long delta(Map<String, String> before, Map<String, String> after, String stat) {
    return Long.parseLong(after.get(stat)) - Long.parseLong(before.get(stat));
  }

  private void printTable(List<Result> results, int keys, int writePercent) {
    Result none = null;
    for (Result result : results) {
      if (result.keys() == keys && result.writePercent() == writePercent && result.layer().equals("none")) {
        none = result;
      }
    }
    System.out.printf(Locale.ROOT, "%n%s, %d hot key%s:%n",
        writePercent == 0 ? "read-only" : (100 - writePercent) + "% reads / " + writePercent + "% writes",
        keys, keys == 1 ? "" : "s");
    boolean mix = writePercent > 0;
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-9s %10s %8s %10s %7s %11s %10s %9s %8s %8s %8s",
        "local", "reads", "elapsed", "reads/s", "x none", "global gets", "per 1000 r", "x none", "p50 us", "p99 us",
        "local hit"));
    if (mix) {
      header.append(String.format(Locale.ROOT, " %8s %11s %8s", "writes", "global sets", "w p50 us"));
    }
    System.out.println(header);
    for (Result result : results) {
      if (result.keys() != keys || result.writePercent() != writePercent) {
        continue;
      }
      Driven driven = result.driven();
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT,
          "%-9s %,10d %7.2fs %,10.0f %7s %,11d %10.1f %9s %8.1f %8.1f %7.1f%%",
          result.layer(), driven.reads(), driven.elapsedNanos() / 1e9, result.readsPerSecond(),
          none == null ? "-" : ratio(result.readsPerSecond(), none.readsPerSecond()),
          result.globalGets(), result.globalGetsPerThousandReads(),
          none == null ? "-" : ratio(result.globalGetsPerThousandReads(), none.globalGetsPerThousandReads()),
          driven.readLatency().percentile(0.50) / 1e3, driven.readLatency().percentile(0.99) / 1e3,
          driven.reads() == 0 ? 0.0 : 100.0 * result.localHits() / driven.reads()));
      if (mix) {
        row.append(String.format(Locale.ROOT, " %,8d %,11d %8.1f", driven.writes(), result.globalSets(),
            driven.writeLatency().percentile(0.50) / 1e3));
      }
      if (driven.nullReads() > 0 || driven.failures() > 0) {
        row.append(String.format(Locale.ROOT, "  (!) %d null reads, %d failures", driven.nullReads(), driven.failures()));
      }
      System.out.println(row);
    }
    if (writePercent == 0) {
      double ttls = results.get(0).driven().elapsedNanos() / (double) options.ttl.toNanos();
      System.out.printf(Locale.ROOT,
          "  a local layer should cost about (keys + 1 generation token) x elapsed / TTL = %d x %.1f = ~%.0f global gets%n",
          keys + 1, ttls, (keys + 1) * ttls);
    } else {
      System.out.println("  each write sets the global entry and drops the local copy: the next read of that key"
          + " goes global, so global gets grow with writes");
    }
  }

  private static String ratio(double value, double base) {
    if (base == 0) {
      return "-";
    }
    double ratio = value / base;
    if (ratio == 0) {
      return "0";
    }
    if (ratio < 0.1) {
      return String.format(Locale.ROOT, "1/%.0f", 1 / ratio);
    }
    return String.format(Locale.ROOT, ratio >= 100 ? "%.0fx" : ratio >= 10 ? "%.1fx" : "%.2fx", ratio);
  }

  private static String millis(Duration duration) {
    return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
  }

  private record Driven(LatencyHistogram readLatency, LatencyHistogram writeLatency, long elapsedNanos,
      long nullReads, long failures) {
    long reads() {
      return readLatency.count();
    }

    long writes() {
      return writeLatency.count();
    }
  }

  private record Result(String layer, int keys, int writePercent, Driven driven, long globalGets,
      long globalSets, long localHits) {
    double readsPerSecond() {
      return driven.reads() / (driven.elapsedNanos() / 1e9);
    }

    double globalGetsPerThousandReads() {
      return driven.reads() == 0 ? 0 : 1000.0 * globalGets / driven.reads();
    }
  }

  private static final class Options {
    List<String> layers = List.of("none", "heap", "memcached");
    List<Integer> keyCounts = List.of(1, 100);
    int threads = 2;
    Duration duration = Duration.ofSeconds(5);
    long reads;
    Duration ttl = Duration.ofSeconds(1);
    int writePercent = 5;
    int valueBytes = 100;
    Duration warmup = Duration.ofSeconds(1);

    List<Integer> writeMixes() {
      return writePercent == 0 ? List.of(0) : List.of(0, writePercent);
    }

    static Options parse(String[] args) {
      Options options = new Options();
      Map<String, String> given = new LinkedHashMap<>();
      for (int i = 0; i < args.length; i++) {
        if (args[i].isBlank()) {
          continue;
        }
        if (!args[i].startsWith("--") || i + 1 >= args.length) {
          throw usage("expected --name value, got " + args[i]);
        }
        given.put(args[i].substring(2), args[++i]);
      }
      given.forEach((name, value) -> {
        switch (name) {
          case "layers" -> options.layers = List.of(value.split(","));
          case "keys" -> options.keyCounts = List.of(value.split(",")).stream().map(Integer::parseInt).toList();
          case "threads" -> options.threads = Integer.parseInt(value);
          case "duration" -> options.duration = duration(value);
          case "reads" -> options.reads = Long.parseLong(value);
          case "ttl" -> options.ttl = duration(value);
          case "write-percent" -> options.writePercent = Integer.parseInt(value);
          case "value-bytes" -> options.valueBytes = Integer.parseInt(value);
          case "warmup" -> options.warmup = duration(value);
          default -> throw usage("unknown option --" + name);
        }
      });
      for (String layer : options.layers) {
        if (!List.of("none", "heap", "memcached").contains(layer)) {
          throw usage("unknown layer " + layer);
        }
      }
      if (options.threads < 1 || options.writePercent < 0 || options.writePercent > 100) {
        throw usage("--threads must be >= 1 and --write-percent within 0..100");
      }
      return options;
    }

    private static Duration duration(String text) {
      String trimmed = text.trim().toLowerCase(Locale.ROOT);
      if (trimmed.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(trimmed.substring(0, trimmed.length() - 2)));
      }
      if (trimmed.endsWith("s")) {
        return Duration.ofMillis(Math.round(Double.parseDouble(trimmed.substring(0, trimmed.length() - 1)) * 1000));
      }
      return Duration.parse(text.trim());
    }

    private static IllegalArgumentException usage(String problem) {
      return new IllegalArgumentException(problem + "; options: --layers none,heap,memcached --keys 1,100"
          + " --threads 2 --duration 5s | --reads N --ttl 1s --write-percent 5 --value-bytes 100 --warmup 1s");
    }
  }
}
