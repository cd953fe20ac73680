package io.github.dualcache.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

/**
 * The seed's scenario: a TV talent show's audience buzzer. Several web boxes, each with its own
 * local layer in front of one global memcached, serve the audience's requests: mostly reads of the
 * few acts' vote counts, now and then a vote. The demo runs it twice, with the local layer and
 * without, printing once a second what the global memcached is spared and how stale the boxes'
 * answers were.
 *
 * <p>Run from the repository root (memcached on the PATH or in {@code MEMCACHED_BIN}):
 *
 * <pre>mvn -q test-compile exec:exec@demo                   (options: -Ddemo.args="--seconds 10", see DemoOptions)</pre>
 *
 * <p>Exit status: 0 done, 1 failed (or some requests failed), 2 bad options, 3 memcached not found.
 */
public final class BuzzerDemo {
  static final int DONE = 0;
  static final int FAILED = 1;
  static final int BAD_OPTIONS = 2;
  static final int NO_MEMCACHED = 3;

  private static final int WARM_UP_SECONDS = 2;
  private static final String PROVIDER = "io.github.dualcache.spi.DualcacheCachingProvider";
  // spymemcached logs every connection at INFO; held here so the setting is not garbage collected
  private static final Logger SPYMEMCACHED = Logger.getLogger("net.spy.memcached");

  private final DemoOptions options;
  private final DemoServers servers;
  private final CachingProvider provider;
  private final List<String> acts = new ArrayList<>();

  private BuzzerDemo(DemoOptions options, DemoServers servers, CachingProvider provider) {
    this.options = options;
    this.servers = servers;
    this.provider = provider;
    for (int act = 1; act <= options.acts; act++) {
      acts.add("act-" + act);
    }
  }

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String... args) {
    if (Arrays.asList(args).contains("--help")) {
      System.out.println(DemoOptions.USAGE);
      return DONE;
    }
    DemoOptions options;
    try {
      options = DemoOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage() + "\n" + DemoOptions.USAGE);
      return BAD_OPTIONS;
    }
    if (options.startsMemcached() && DemoServers.memcachedBinary().isEmpty()) {
      System.err.println("""
          memcached is not installed: the demo starts its own memcached processes, and found none
          (not on the PATH, MEMCACHED_BIN unset or not an executable file). Install it
          (apt-get install memcached, brew install memcached, dnf install memcached) or set
          MEMCACHED_BIN to its path; or give running servers: --global host:port --local heap""");
      return NO_MEMCACHED;
    }
    SPYMEMCACHED.setLevel(Level.WARNING);
    CachingProvider provider = Caching.getCachingProvider(PROVIDER);
    try (DemoServers servers = DemoServers.startOrUse(options)) {
      BuzzerDemo demo = new BuzzerDemo(options, servers, provider);
      demo.printSetup();
      RunResult twoLevel = demo.run("two-level", options.localLayer);
      RunResult globalOnly = demo.run("global only", "none");
      Summary.print(twoLevel, globalOnly, options);
      return twoLevel.errors() + globalOnly.errors() == 0 ? DONE : FAILED;
    } catch (Exception e) {
      System.err.println("the demo failed:");
      e.printStackTrace();
      return FAILED;
    } finally {
      provider.close(); // closes every box's CacheManager and its memcached connections
    }
  }

  private void printSetup() {
    System.out.printf(Locale.ROOT, "dualcache buzzer demo: %d boxes x %d request threads read the vote counts of %d acts"
        + " and vote once per %d reads, through JCache (get; invoke to vote)%n",
        options.boxes, options.threadsPerBox, options.acts, options.readsPerVote);
    System.out.printf(Locale.ROOT, "global memcached %s (%s); local TTL %d ms; two runs of %d s, each after %d s of"
        + " warm-up%n", String.join(",", servers.global()),
        servers.globalGiven() ? "given: its gets include other clients'" : "started here", options.ttl.toMillis(),
        options.seconds, WARM_UP_SECONDS);
    System.out.println("columns: local hits = reads a box's local layer answered; global gets = the global memcached's"
        + " stats cmd_get (reads and votes);");
    System.out.println("         stalest read = the longest a count served had already been replaced by an acknowledged vote");
    System.out.println();
  }

  private RunResult run(String label, String localLayer) throws InterruptedException {
    List<Box> boxes = new ArrayList<>();
    try {
      for (int box = 0; box < options.boxes; box++) {
        boxes.add(Box.open(provider, box + 1, label.replace(' ', '-'), settings(localLayer, box)));
      }
      for (String act : acts) {
        boxes.get(0).votes.put(act, 0L); // the acts come on stage with no votes
      }
      System.out.printf(Locale.ROOT, "%s: %s%n", label, describe(localLayer));
      Staleness staleness = new Staleness();
      boolean prologue = !localLayer.equals("none") && boxes.size() > 1;
      if (prologue) {
        Prologue.tell(boxes.get(0), boxes.get(1), acts.get(0), staleness, options.ttl);
      }
      Audience audience = new Audience(boxes, acts, options, staleness);
      audience.start();
      RunResult result;
      try {
        // The JIT compiles the request path in the first seconds; neither run is measured cold.
        TimeUnit.SECONDS.sleep(WARM_UP_SECONDS);
        result = new LiveTable(boxes, servers, audience.tally()).print(label, options.seconds);
      } finally {
        audience.stop();
      }
      printVoteCount(boxes.get(0), audience.tally().votes() + (prologue ? 1 : 0));
      return result;
    } finally {
      boxes.forEach(Box::close);
    }
  }

  /**
   * Every vote is an entry processor run on the global value and committed by compare-and-set, by
   * several threads on several boxes at once: none may be lost, none counted twice.
   */
  private void printVoteCount(Box box, long acknowledged) {
    long counted = 0;
    for (String act : acts) {
      counted += box.votes.invoke(act, new Audience.Count());
    }
    System.out.printf(Locale.ROOT, "%,d votes acknowledged (warm-up included), and the acts' counts add up to %,d%s%n",
        acknowledged, counted, acknowledged == counted ? "" : ": VOTES LOST OR COUNTED TWICE");
    System.out.println();
  }

  private String describe(String localLayer) {
    return switch (localLayer) {
      case "memcached" -> "each box reads its own local memcached first ("
          + (options.local.isEmpty() ? "started here" : "given") + "), the global one on a miss";
      case "heap" -> "each box reads its in-process heap layer first, the global memcached on a miss";
      default -> "the local layer off, every read goes to the global memcached";
    };
  }

  /** Box {@code box}'s configuration, as an application on that box would write it. */
  private Properties settings(String localLayer, int box) {
    Properties settings = new Properties();
    settings.setProperty("dualcache.global.servers", String.join(",", servers.global()));
    settings.setProperty("dualcache.local.type", localLayer);
    if (localLayer.equals("memcached")) {
      settings.setProperty("dualcache.local.servers", servers.local(box));
    }
    settings.setProperty("dualcache.local.ttl", options.ttl.toMillis() + "ms");
    // keys of their own, so that given servers' other caches are never touched
    settings.setProperty("dualcache.namespace", "dualcache-demo");
    // many threads on few CPUs: room for a slow moment rather than a failed request
    settings.setProperty("dualcache.timeout", "2s");
    return settings;
  }
}
