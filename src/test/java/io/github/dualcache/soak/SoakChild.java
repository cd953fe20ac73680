package io.github.dualcache.soak;

import io.github.dualcache.consistency.Increments;
import io.github.dualcache.consistency.RandomOperations;
import io.github.dualcache.testing.ChildMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

/**
 * One JVM of the soak: a CacheManager with the settings it is given (its local layer included),
 * which for each {@code ROUND n=<n> millis=<ms> dir=<directory>} line it reads runs, all at once
 * for that long, the {@link MixedLoad} on one cache and, on another, the recorded random
 * operations of the linearizability check ({@link RandomOperations}), counted increments
 * ({@link Increments}) and the {@link StalenessProbe}; it answers {@code DONE}. {@code STATS}
 * prints its heap in use (after a GC) and live threads; {@code EXIT} ends it.
 *
 * <p>Arguments, as {@code name=value}: {@code jvm} (jvm0 or jvm1), {@code peer} (the other's name),
 * {@code mixedThreads}, {@code historyThreads}, {@code incrementThreads}, and every
 * {@code dualcache.*} setting.
 */
public final class SoakChild {
  static final String MIXED_CACHE = "soak-mixed";
  static final String DATA_CACHE = "soak-data";

  private SoakChild() {}

  public static void main(String[] args) throws Exception {
    // Warnings of lost connections by the thousand say nothing the summary does not.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
    Map<String, String> arguments = ChildMain.parameters(args, 0);
    Properties settings = new Properties();
    arguments.forEach((name, value) -> {
      if (name.startsWith("dualcache.")) {
        settings.setProperty(name, value);
      }
    });
    String jvm = arguments.get("jvm");
    CacheManager manager = Caching.getCachingProvider("io.github.dualcache.spi.DualcacheCachingProvider")
        .getCacheManager(URI.create("dualcache://soak-" + jvm), SoakChild.class.getClassLoader(), settings);
    ChildMain.run(manager, () -> {
      Cache<String, String> mixed = createWithRetry(manager, MIXED_CACHE);
      Cache<String, String> data = createWithRetry(manager, DATA_CACHE);
      System.out.println("READY " + stats());
      BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = commands.readLine(); line != null && !line.equals("EXIT"); line = commands.readLine()) {
        if (line.equals("STATS")) {
          System.out.println("STATS " + stats());
          continue;
        }
        Map<String, String> round = ChildMain.parameters(line.split(" "), 1);
        runRound(mixed, data, jvm, arguments, round);
        System.out.println("DONE");
      }
    });
  }

  /** The caches are created once, at start, when every server is up; a slow start is retried. */
  private static Cache<String, String> createWithRetry(CacheManager manager, String name) throws InterruptedException {
    for (int attempt = 0; ; attempt++) {
      try {
        Cache<String, String> cache = manager.getCache(name, String.class, String.class);
        return cache != null ? cache
            : manager.createCache(name, new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      } catch (javax.cache.CacheException e) {
        if (attempt == 50) {
          throw e;
        }
        Thread.sleep(100);
      }
    }
  }

  private static void runRound(Cache<String, String> mixed, Cache<String, String> data, String jvm,
      Map<String, String> arguments, Map<String, String> round) throws Exception {
    int n = Integer.parseInt(round.get("n"));
    long millis = Long.parseLong(round.get("millis"));
    Path dir = Path.of(round.get("dir"));
    String prefix = "r" + n + "-";
    ExecutorService workers = Executors.newCachedThreadPool();
    try {
      MixedLoad load = new MixedLoad(mixed, Integer.parseInt(arguments.get("mixedThreads")), jvm.hashCode() * 31L + n);
      Future<?> mixedDone = workers.submit(() -> {
        load.run(millis);
        return null;
      });
      Future<String> history = workers.submit(() -> new RandomOperations().run(data, jvm,
          Integer.parseInt(arguments.get("historyThreads")),
          Map.of("ops", "100000000", "keys", Integer.toString(Soak.HISTORY_KEYS), "seed", Long.toString(System.nanoTime()),
              "millis", Long.toString(millis), "keyPrefix", prefix + "k", "pauseMicros", "4000"),
          dir.resolve("history-" + jvm + ".txt")));
      Future<String> increments = workers.submit(() -> new Increments().run(data, jvm,
          Integer.parseInt(arguments.get("incrementThreads")),
          Map.of("count", "100000000", "removeEvery", "2000000000", "millis", Long.toString(millis),
              "key", prefix + Soak.COUNTER),
          dir.resolve("increments-" + jvm + ".txt")));
      StalenessProbe probe = new StalenessProbe(data, prefix + "probe-" + jvm, prefix + "probe-" + arguments.get("peer"));
      Future<?> probed = workers.submit(() -> {
        probe.run(millis, dir.resolve("probe-writes-" + jvm + ".txt"), dir.resolve("probe-reads-" + jvm + ".txt"));
        return null;
      });
      mixedDone.get();
      history.get();
      increments.get();
      probed.get();
      Files.write(dir.resolve("mixed-" + jvm + ".txt"), load.summaryLines(), StandardCharsets.UTF_8);
    } finally {
      workers.shutdownNow();
    }
  }

  /** {@code heapBytes=<used after a GC> threads=<live>}. */
  private static String stats() {
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    return "heapBytes=" + used + " threads=" + threads;
  }

}
