package io.github.dualcache.bench;

import io.github.dualcache.cache.DualcacheCache;
import io.github.dualcache.management.LayerStatisticsMXBean;
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
 * 200ms"}: {@code --layers none,heap,memcached}, {@code --keys 1,100}, {@code --threads 2} (per
 * box), {@code --boxes 1} (simulated boxes, each its own CacheManager and local layer),
 * {@code --zipf 0} (key popularity exponent; 0 picks keys uniformly), {@code --duration 5s} (per
 * run), {@code --reads N} (a fixed number of operations per run instead of a duration),
 * {@code --ttl 1s} (local TTL), {@code --write-percent 5} (the write-mix runs; 0 for none) or
 * {@code --reads-per-write 100,10} (those mixes only), {@code --value-bytes 100}, {@code --warmup
 * 1s} (per layer, not measured).
 *
 * <p>It starts its own global memcached (and a local one per box for the {@code memcached} layer)
 * and counts global gets with the global server's own {@code stats cmd_get}, never with dualcache's
 * counters, which are shown beside them only as a cross-check ("local hit %"). Every written value
 * carries a version, so every read knows whether it was stale and by how long
 * ({@link StalenessTracker}). The benchmark suite drives the same measurements through
 * {@link #measureDualcache} and {@link #measureAll}.
 */
public final class HotKeyWorkload {
  private static final String PROVIDER = "io.github.dualcache.spi.DualcacheCachingProvider";
  // spymemcached logs every connection at INFO; held here so the setting is not garbage collected
  private static final Logger SPYMEMCACHED = Logger.getLogger("net.spy.memcached");

  private final Options options;
  private final GlobalCounters global;

  HotKeyWorkload(Options options, GlobalCounters global) {
    this.options = options;
    this.global = global;
  }

  /** What the workload counts on the global side: gets, sets and bytes sent, since some start. */
  interface GlobalCounters {
    /** Current totals: {@code gets}, {@code sets}, {@code bytes} (sent to clients; -1 if unknown). */
    long[] snapshot();

    /** Counters of a memcached, from its own {@code stats}. */
    static GlobalCounters memcached(String address) {
      return () -> {
        try (TextProtocolClient client = TextProtocolClient.connect(address)) {
          Map<String, String> stats = client.stats();
          return new long[] {Long.parseLong(stats.get("cmd_get")), Long.parseLong(stats.get("cmd_set")),
              Long.parseLong(stats.get("bytes_written"))};
        }
      };
    }
  }

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    SPYMEMCACHED.setLevel(Level.WARNING);
    try (MemcachedServer global = MemcachedServer.start("-m", "64")) {
      printHeader(options, global);
      long started = System.nanoTime();
      List<Result> results = measureDualcache(options, global.address());
      for (double writeFraction : options.writeMixes()) {
        for (int keys : options.keyCounts) {
          printTable(options, results, keys, writeFraction);
        }
      }
      System.out.printf(Locale.ROOT, "%ntotal run time %.1f s%n", (System.nanoTime() - started) / 1e9);
    } finally {
      Caching.getCachingProvider(PROVIDER).close();
    }
  }

  /**
   * Every layer x write mix x key count of {@code options} against the global memcached at
   * {@code globalAddress}, each layer with its own boxes (and, for the memcached layer, one local
   * memcached per box, started here and stopped afterwards).
   */
  static List<Result> measureDualcache(Options options, String globalAddress) throws InterruptedException {
    SPYMEMCACHED.setLevel(Level.WARNING);
    HotKeyWorkload workload = new HotKeyWorkload(options, GlobalCounters.memcached(globalAddress));
    List<Result> results = new ArrayList<>();
    for (String layer : options.layers) {
      List<MemcachedServer> locals = new ArrayList<>();
      List<CacheManager> boxes = new ArrayList<>();
      try {
        for (int box = 0; box < options.boxes; box++) {
          boxes.add(openManager(options, globalAddress, layer, box, locals));
        }
        results.addAll(workload.measureAll(layer, boxes));
      } finally {
        boxes.forEach(CacheManager::close);
        locals.forEach(MemcachedServer::close);
      }
    }
    return results;
  }

  /** Warms up, then measures every write mix x key count with these boxes (of any JCache provider). */
  List<Result> measureAll(String layer, List<CacheManager> boxes) throws InterruptedException {
    warmUp(boxes);
    List<Result> results = new ArrayList<>();
    for (double writeFraction : options.writeMixes()) {
      for (int keys : options.keyCounts) {
        results.add(measure(boxes, layer, keys, writeFraction));
      }
    }
    return results;
  }

  private static void printHeader(Options options, MemcachedServer global) {
    Map<String, String> stats = global.stats();
    System.out.printf(Locale.ROOT, "dualcache hot-key workload: memcached %s (global %s), Java %s, %d CPUs%n",
        stats.get("version"), global.address(), Runtime.version(), Runtime.getRuntime().availableProcessors());
    System.out.printf(Locale.ROOT, "%d box(es) x %d threads, %s per run, local TTL %d ms, %d-byte values, keys %s,"
            + " layers %s%n",
        options.boxes, options.threads, options.reads > 0 ? options.reads + " operations" : millis(options.duration),
        options.ttl.toMillis(), options.valueBytes, options.zipf == 0 ? "uniform" : "Zipf " + options.zipf,
        String.join(",", options.layers));
    System.out.println("global gets = delta of the GLOBAL memcached's stats cmd_get (entry reads and the"
        + " cache's generation token)");
  }

  private static CacheManager openManager(Options options, String globalAddress, String layer, int box,
      List<MemcachedServer> locals) {
    Properties properties = new Properties();
    properties.setProperty("dualcache.global.servers", globalAddress);
    properties.setProperty("dualcache.local.type", layer);
    properties.setProperty("dualcache.local.ttl", options.ttl.toMillis() + "ms");
    properties.setProperty("dualcache.timeout", "2s");
    if (layer.equals("memcached")) {
      MemcachedServer local = MemcachedServer.start("-m", "64");
      locals.add(local);
      properties.setProperty("dualcache.local.servers", local.address());
    }
    URI uri = URI.create("dualcache://hotkey-" + layer + "-box" + box + "-" + UUID.randomUUID());
    return Caching.getCachingProvider(PROVIDER).getCacheManager(uri, HotKeyWorkload.class.getClassLoader(), properties);
  }

  /** The same cache (one name) opened in every box (created by the first: the others may share its server). */
  private List<Cache<String, String>> newCache(List<CacheManager> boxes, String prefix) {
    String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    MutableConfiguration<String, String> configuration = new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class)
        // statistics on, as on a cache someone watches: dualcache counts its local hits with them,
        // and a peer its server-side operations
        .setStatisticsEnabled(true);
    List<Cache<String, String>> caches = new ArrayList<>();
    for (CacheManager box : boxes) {
      Cache<String, String> cache = box.getCache(name, String.class, String.class);
      caches.add(cache != null ? cache : box.createCache(name, configuration));
    }
    return caches;
  }

  private static void destroy(List<CacheManager> boxes, List<Cache<String, String>> caches) {
    for (int i = boxes.size() - 1; i >= 0; i--) {
      if (boxes.get(i).getCache(caches.get(i).getName(), String.class, String.class) != null) {
        boxes.get(i).destroyCache(caches.get(i).getName());
      }
    }
  }

  private void warmUp(List<CacheManager> boxes) throws InterruptedException {
    if (options.warmup.isZero()) {
      return;
    }
    List<Cache<String, String>> caches = newCache(boxes, "warmup");
    String[] keys = fill(caches.get(0), 10);
    drive(caches, keys, options.writeMixes().get(options.writeMixes().size() - 1), options.warmup, 0,
        new StalenessTracker(keys.length));
    destroy(boxes, caches);
  }

  private Result measure(List<CacheManager> boxes, String layer, int keyCount, double writeFraction)
      throws InterruptedException {
    List<Cache<String, String>> caches = newCache(boxes, "hot");
    String[] keys = fill(caches.get(0), keyCount);
    List<LayerStatisticsMXBean> layers = new ArrayList<>();
    for (Cache<String, String> cache : caches) {
      if (cache.getCacheManager().getCachingProvider().getClass().getName().equals(PROVIDER)) {
        LayerStatisticsMXBean statistics = cache.unwrap(DualcacheCache.class).layerStatistics();
        statistics.clear();
        layers.add(statistics);
      }
    }
    StalenessTracker staleness = new StalenessTracker(keyCount);
    long[] globalBefore = global.snapshot();
    Driven driven = drive(caches, keys, writeFraction, options.duration, options.reads, staleness);
    long[] globalAfter = global.snapshot();
    long localHits = layers.isEmpty() ? -1 : layers.stream().mapToLong(LayerStatisticsMXBean::getLocalHits).sum();
    Result result = new Result(layer, keyCount, writeFraction, driven, globalAfter[0] - globalBefore[0],
        globalAfter[1] - globalBefore[1], globalAfter[2] < 0 ? -1 : globalAfter[2] - globalBefore[2], localHits,
        staleness.largestNanos(), staleness.staleReads());
    destroy(boxes, caches);
    System.out.printf(Locale.ROOT, "  measured %-9s %3d key(s), %s: %,d reads, %,d global gets, largest staleness %.0f ms%n",
        layer, keyCount, mixLabel(writeFraction), driven.reads(), result.globalGets(), result.largestStalenessNanos() / 1e6);
    return result;
  }

  private String[] fill(Cache<String, String> cache, int count) {
    String value = StalenessTracker.encode(0, options.valueBytes);
    String[] keys = new String[count];
    for (int i = 0; i < count; i++) {
      keys[i] = "hot-key-" + i;
      cache.put(keys[i], value);
    }
    return keys;
  }

  /**
   * {@code threads} threads per box pick a key (uniformly, or Zipf-distributed) each time and read
   * it through their box's cache (or, with probability {@code writeFraction}, write a new version
   * of it) until {@code duration} has passed or, if {@code operations > 0}, that many operations
   * were done in all.
   */
  private Driven drive(List<Cache<String, String>> caches, String[] keys, double writeFraction, Duration duration,
      long operations, StalenessTracker staleness) throws InterruptedException {
    int threads = options.threads * caches.size();
    ZipfKeys popularity = new ZipfKeys(keys.length, options.zipf);
    LatencyHistogram[] readLatencies = new LatencyHistogram[threads];
    LatencyHistogram[] writeLatencies = new LatencyHistogram[threads];
    AtomicLong nullReads = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    long[] deadline = new long[1];
    for (int t = 0; t < threads; t++) {
      Cache<String, String> cache = caches.get(t % caches.size());
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
          int index = popularity.next(random);
          String key = keys[index];
          boolean write = writeFraction > 0 && random.nextDouble() < writeFraction;
          long before = System.nanoTime();
          try {
            if (write) {
              long version = staleness.nextVersion(index);
              cache.put(key, StalenessTracker.encode(version, options.valueBytes));
              staleness.written(index, version, System.nanoTime());
            } else {
              long latest = staleness.latestWritten(index);
              String value = cache.get(key);
              if (value == null) {
                nullReads.incrementAndGet();
              } else {
                staleness.read(index, StalenessTracker.decode(value), latest, before);
              }
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

  private static void printTable(Options options, List<Result> results, int keys, double writeFraction) {
    Result none = null;
    for (Result result : results) {
      if (result.keys() == keys && result.writeFraction() == writeFraction && result.layer().equals("none")) {
        none = result;
      }
    }
    System.out.printf(Locale.ROOT, "%n%s, %d hot key%s:%n", mixLabel(writeFraction), keys, keys == 1 ? "" : "s");
    boolean mix = writeFraction > 0;
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-9s %10s %8s %10s %7s %11s %10s %9s %8s %8s %8s",
        "local", "reads", "elapsed", "reads/s", "x none", "global gets", "per 1000 r", "x none", "p50 us", "p99 us",
        "local hit"));
    if (mix) {
      header.append(String.format(Locale.ROOT, " %8s %11s %8s %9s", "writes", "global sets", "w p50 us", "stale ms"));
    }
    System.out.println(header);
    for (Result result : results) {
      if (result.keys() != keys || result.writeFraction() != writeFraction) {
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
        row.append(String.format(Locale.ROOT, " %,8d %,11d %8.1f %9.0f", driven.writes(), result.globalSets(),
            driven.writeLatency().percentile(0.50) / 1e3, result.largestStalenessNanos() / 1e6));
      }
      if (driven.nullReads() > 0 || driven.failures() > 0) {
        row.append(String.format(Locale.ROOT, "  (!) %d null reads, %d failures", driven.nullReads(), driven.failures()));
      }
      System.out.println(row);
    }
    if (writeFraction == 0) {
      double ttls = results.get(0).driven().elapsedNanos() / (double) options.ttl.toNanos();
      System.out.printf(Locale.ROOT,
          "  a local layer should cost about (keys + 1 generation token) x elapsed / TTL = %d x %.1f = ~%.0f global gets%n",
          keys + 1, ttls, (keys + 1) * ttls);
    } else {
      System.out.println("  each write sets the global entry and drops the writing box's local copy: the next read"
          + " of that key goes global, so global gets grow with writes; other boxes may read their older copy until"
          + " it expires (stale ms: the largest such lag seen)");
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

  /** "read-only", "95% reads / 5% writes" or "100 reads : 1 write". */
  static String mixLabel(double writeFraction) {
    if (writeFraction == 0) {
      return "read-only";
    }
    double percent = writeFraction * 100;
    if (Math.abs(percent - Math.rint(percent)) < 1e-9) {
      return String.format(Locale.ROOT, "%.0f%% reads / %.0f%% writes", 100 - percent, percent);
    }
    return String.format(Locale.ROOT, "%d reads : 1 write", readsPerWrite(writeFraction));
  }

  static long readsPerWrite(double writeFraction) {
    return writeFraction == 0 ? 0 : Math.round((1 - writeFraction) / writeFraction);
  }

  record Driven(LatencyHistogram readLatency, LatencyHistogram writeLatency, long elapsedNanos,
      long nullReads, long failures) {
    long reads() {
      return readLatency.count();
    }

    long writes() {
      return writeLatency.count();
    }
  }

  /** One measured configuration; {@code globalBytes} and {@code localHits} are -1 where not counted. */
  record Result(String layer, int keys, double writeFraction, Driven driven, long globalGets,
      long globalSets, long globalBytes, long localHits, long largestStalenessNanos, long staleReads) {
    double readsPerSecond() {
      return driven.reads() / (driven.elapsedNanos() / 1e9);
    }

    double globalGetsPerThousandReads() {
      return driven.reads() == 0 ? 0 : 1000.0 * globalGets / driven.reads();
    }
  }

  static final class Options {
    List<String> layers = List.of("none", "heap", "memcached");
    List<Integer> keyCounts = List.of(1, 100);
    int threads = 2;
    int boxes = 1;
    double zipf;
    List<Double> mixes;
    Duration duration = Duration.ofSeconds(5);
    long reads;
    Duration ttl = Duration.ofSeconds(1);
    int writePercent = 5;
    int valueBytes = 100;
    Duration warmup = Duration.ofSeconds(1);

    /** The write fractions measured, 0 for read-only. */
    List<Double> writeMixes() {
      if (mixes != null) {
        return mixes;
      }
      return writePercent == 0 ? List.of(0.0) : List.of(0.0, writePercent / 100.0);
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
          case "boxes" -> options.boxes = Integer.parseInt(value);
          case "zipf" -> options.zipf = Double.parseDouble(value);
          case "reads-per-write" -> options.mixes = List.of(value.split(",")).stream()
              .map(r -> Integer.parseInt(r.trim()) == 0 ? 0.0 : 1.0 / (Integer.parseInt(r.trim()) + 1)).toList();
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
      if (options.threads < 1 || options.boxes < 1 || options.writePercent < 0 || options.writePercent > 100) {
        throw usage("--threads and --boxes must be >= 1 and --write-percent within 0..100");
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
          + " --threads 2 --boxes 1 --zipf 0 --duration 5s | --reads N --ttl 1s --write-percent 5 | --reads-per-write 100,10"
          + " --value-bytes 100 --warmup 1s");
    }
  }
}
