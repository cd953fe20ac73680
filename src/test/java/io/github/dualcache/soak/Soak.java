package io.github.dualcache.soak;

import io.github.dualcache.linearizability.HistoryFile;
import io.github.dualcache.linearizability.LinearizabilityChecker;
import io.github.dualcache.linearizability.Losses;
import io.github.dualcache.linearizability.OpType;
import io.github.dualcache.linearizability.Operation;
import io.github.dualcache.linearizability.Report;
import io.github.dualcache.testing.ChildJvm;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

/**
 * The soak: {@code mvn -q test-compile exec:exec@soak -Dsoak.args="--minutes 30"} (not run by the
 * build). Starts 3 global memcached servers, a local memcached and 2 JVMs ({@link SoakChild}:
 * jvm0 with a heap local layer, jvm1 with the local memcached), and runs rounds of mixed load on
 * every thread of both, each round with one fault of {@link SoakFault} injected a third of the way
 * in, in turn (the target server rotating). After each round it checks, with every server up again:
 * <ul>
 *   <li>the recorded histories of the round's keys, with the linearizability checker (reads may
 *       be stale by the local TTL + 50 ms; calls that threw may have taken effect; the data a
 *       restart lost is recorded as a {@link OpType#LOST} of each key it held, and when it held
 *       the cache's generation token the calls during the loss's window count as "may have taken
 *       effect" ({@link Losses}, {@link #LOSS_SETTLE_NANOS});
 *   <li>the round's counter: acknowledged increments ≤ its value ≤ acknowledged + failed ones —
 *       below is a lost update, above an increment counted twice — unless the counter lived on a
 *       server the round restarted empty (then its loss is the cache's right and it is not counted);
 *   <li>how stale each JVM's reads of the other's writes were ({@link Staleness}).
 * </ul>
 * It ends with a summary and exits with status 1 on any lost update, increment counted twice,
 * linearizability violation or exception other than {@link CacheException}.
 *
 * <p>Options: {@code --minutes} (default 30), {@code --round-seconds} (default 60), {@code --faults}
 * (a comma-separated subset of {@link SoakFault}, in the order to inject them; default all).
 */
public final class Soak {
  static final int HISTORY_KEYS = 8;
  static final String COUNTER = "counter";
  static final String NAMESPACE = "soak";
  static final long LOCAL_TTL_MILLIS = 1_000;
  static final String TIMEOUT = "300ms";
  /**
   * How long after a restarted server is back every JVM must have seen its loss. A JVM reconnects
   * within spymemcached's maximum reconnect delay (2 s as the client is configured), and once
   * reconnected reads the generation token again at once; a JVM whose copy of the token is still
   * fresh uses it for at most the local TTL; add one timeout and a margin. Until then a JVM may
   * still read and write the lost generation, whose writes are then lost too: the loss is placed
   * at one unknown instant from the kill to this long after the restart.
   */
  static final long LOSS_SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(2_000 + LOCAL_TTL_MILLIS + 300 + 700);
  private static final Duration STALENESS = Duration.ofMillis(LOCAL_TTL_MILLIS + 50);

  private Soak() {}

  public static void main(String[] args) throws Exception {
    // Warnings of lost connections by the thousand say nothing the summary does not.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
    double minutes = 30;
    int roundSeconds = 60;
    List<SoakFault> schedule = List.of(SoakFault.values());
    for (int i = 0; i < args.length - 1; i += 2) {
      switch (args[i]) {
        case "--minutes" -> minutes = Double.parseDouble(args[i + 1]);
        case "--round-seconds" -> roundSeconds = Integer.parseInt(args[i + 1]);
        case "--faults" -> schedule = Stream.of(args[i + 1].split(",")).map(SoakFault::valueOf).toList();
        default -> throw new IllegalArgumentException(
            "unknown option " + args[i] + " (--minutes N, --round-seconds N, --faults " + List.of(SoakFault.values()) + ")");
      }
    }
    SoakTotals totals = new SoakTotals();
    long startedNanos = System.nanoTime();
    long endNanos = startedNanos + (long) (minutes * 60e9);
    Path directory = Files.createTempDirectory("dualcache-soak");
    System.out.printf("dualcache soak: %.1f min in rounds of %d s; files in %s%n", minutes, roundSeconds, directory);
    try (SoakServers servers = new SoakServers(); SoakJvms jvms = new SoakJvms(servers);
        CacheManager observerManager = observer(servers.globalAddresses())) {
      System.out.println("servers: " + servers);
      totals.started(jvms.stats());
      Cache<String, String> observer = observerManager.createCache(SoakChild.DATA_CACHE,
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      retried(() -> observer.get("warm-up")); // the first call creates the generation token the rounds compare
      for (int round = 0; System.nanoTime() - endNanos < 0; round++) {
        SoakFault fault = schedule.get(round % schedule.size());
        int target = (round / schedule.size()) % SoakServers.GLOBALS;
        Path dir = Files.createDirectories(directory.resolve("round-" + round));
        long roundMillis = Math.min(roundSeconds * 1_000L, Math.max(10_000, (endNanos - System.nanoTime()) / 1_000_000));
        String token = generationToken(servers);
        AtomicReference<SoakFault.Loss> loss = new AtomicReference<>();
        Thread injector = new Thread(() -> {
          SoakFault.sleepMillis(roundMillis / 3);
          loss.set(fault.inject(servers, target));
        }, "fault-" + fault);
        injector.start();
        jvms.round(round, roundMillis, dir);
        injector.join();
        RoundResult result = check(round, fault, target, loss.get(), token, dir, servers, observer);
        totals.add(result);
        System.out.println(result.line());
      }
      totals.ended(jvms.stats(), (System.nanoTime() - startedNanos) / 1e9);
    }
    System.out.println();
    System.out.println(totals.summary());
    System.exit(totals.passed() ? 0 : 1);
  }

  /** A manager of the soak's own (local layer none), to read counters and place markers between rounds. */
  private static CacheManager observer(String globalServers) {
    Properties settings = new Properties();
    settings.setProperty("dualcache.global.servers", globalServers);
    settings.setProperty("dualcache.namespace", NAMESPACE);
    settings.setProperty("dualcache.timeout", "2s");
    return Caching.getCachingProvider("io.github.dualcache.spi.DualcacheCachingProvider")
        .getCacheManager(URI.create("dualcache://soak-observer"), Soak.class.getClassLoader(), settings);
  }

  /**
   * The data cache's generation token as the servers hold it, or null. Where a key lives depends on
   * the token (it is part of the item's key), so a round whose token changed lost every key.
   */
  private static String generationToken(SoakServers servers) {
    for (int i = 0; i < SoakServers.GLOBALS; i++) {
      byte[] token = servers.global(i).rawGet(NAMESPACE + ":" + SoakChild.DATA_CACHE + ":gen");
      if (token != null) {
        return new String(token, java.nio.charset.StandardCharsets.US_ASCII);
      }
    }
    return null;
  }

  private static RoundResult check(int round, SoakFault fault, int target, SoakFault.Loss loss, String tokenBefore,
      Path dir, SoakServers servers, Cache<String, String> observer) throws Exception {
    String prefix = "r" + round + "-";
    String counterKey = prefix + COUNTER;
    String counter = retried(() -> observer.get(counterKey));
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < HISTORY_KEYS; i++) {
      keys.add(prefix + "k" + i);
    }
    keys.add(counterKey);
    boolean tokenChanged = loss != null && !java.util.Objects.equals(tokenBefore, generationToken(servers));
    LostKeys lost = loss == null ? LostKeys.NONE
        : loss.server() == SoakFault.Loss.ALL || tokenChanged ? new LostKeys(Set.copyOf(keys), true)
        : retried(() -> LostKeys.on(servers.global(loss.server()), NAMESPACE, SoakChild.DATA_CACHE, observer, keys));

    List<Operation> history = HistoryFile.read(List.of(dir.resolve("history-jvm0.txt"),
        dir.resolve("history-jvm1.txt")));
    if (loss != null) {
      history = Losses.apply(history, lost.keys(), loss.killedNanos(), loss.restartedNanos() + LOSS_SETTLE_NANOS,
          lost.generation());
    }
    Report report = new LinearizabilityChecker().withStaleness(STALENESS).withMaxStates(4_000_000).check(history);
    if (!report.linearizable()) {
      Files.writeString(dir.resolve("report.txt"), report.toString());
    }
    long staleness = Math.max(
        Staleness.largestNanos(dir.resolve("probe-writes-jvm1.txt"), dir.resolve("probe-reads-jvm0.txt")),
        Staleness.largestNanos(dir.resolve("probe-writes-jvm0.txt"), dir.resolve("probe-reads-jvm1.txt")));
    return RoundResult.of(round, fault, target, lost.keys().contains(counterKey), lost.generation(), counter, report,
        staleness, dir);
  }

  @FunctionalInterface
  private interface Step<T> {
    T run() throws Exception;
  }

  /** A check's read, retried for 15 s while the servers just restarted are reconnected. */
  private static <T> T retried(Step<T> step) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      try {
        return step.run();
      } catch (CacheException e) {
        if (System.nanoTime() - deadline > 0) {
          throw e;
        }
        Thread.sleep(200);
      }
    }
  }

  /** The two JVMs of the soak and the commands they take. */
  private static final class SoakJvms implements AutoCloseable {
    private final List<ChildJvm> jvms = new ArrayList<>();
    private final List<String> ready = new ArrayList<>();

    SoakJvms(SoakServers servers) {
      try {
        for (int i = 0; i < 2; i++) {
          String localType = i == 0 ? "heap" : "memcached";
          List<String> args = new ArrayList<>(List.of("jvm=jvm" + i, "peer=jvm" + (1 - i), "mixedThreads=4",
              "historyThreads=2", "incrementThreads=2", "dualcache.global.servers=" + servers.globalAddresses(),
              "dualcache.namespace=" + NAMESPACE, "dualcache.timeout=" + TIMEOUT, "dualcache.local.type=" + localType,
              "dualcache.local.ttl=" + LOCAL_TTL_MILLIS + "ms"));
          if (localType.equals("memcached")) {
            args.add("dualcache.local.servers=" + servers.localAddress());
          }
          jvms.add(ChildJvm.start("jvm" + i, SoakChild.class, List.of("-Xmx256m"), args));
        }
        for (ChildJvm jvm : jvms) {
          ready.add(jvm.awaitLine("READY", 60, TimeUnit.SECONDS).substring("READY ".length()));
        }
      } catch (RuntimeException | Error e) {
        close();
        throw e;
      }
    }

    void round(int round, long millis, Path dir) {
      for (ChildJvm jvm : jvms) {
        jvm.send("ROUND n=" + round + " millis=" + millis + " dir=" + dir);
      }
      for (ChildJvm jvm : jvms) {
        jvm.awaitLine("DONE", millis / 1_000 + 300, TimeUnit.SECONDS);
      }
    }

    /** Each JVM's {@code heapBytes=.. threads=..}: at start the line it gave when ready. */
    List<String> stats() {
      if (!ready.isEmpty()) {
        List<String> first = List.copyOf(ready);
        ready.clear();
        return first;
      }
      List<String> stats = new ArrayList<>();
      for (ChildJvm jvm : jvms) {
        jvm.send("STATS");
        stats.add(jvm.awaitLine("STATS", 60, TimeUnit.SECONDS).substring("STATS ".length()));
      }
      return stats;
    }

    @Override
    public void close() {
      for (ChildJvm jvm : jvms) {
        try {
          jvm.send("EXIT");
          jvm.awaitExit(30, TimeUnit.SECONDS);
        } catch (AssertionError e) {
          jvm.close();
        }
      }
    }
  }
}
