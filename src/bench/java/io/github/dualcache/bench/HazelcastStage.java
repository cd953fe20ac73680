package io.github.dualcache.bench;

import com.hazelcast.cache.HazelcastCachingProvider;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.cache.HazelcastClientCachingProvider;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.NearCacheConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.GeneratedBuildProperties;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheManager;
import javax.cache.spi.CachingProvider;

/**
 * The peer doing the same job: each box a Hazelcast client with a near cache, through the JCache
 * API, against one member in another JVM ({@link HazelcastMember}); the same workload as
 * {@link BuzzerStage}, with the member's own statistics as the "global" counters.
 */
final class HazelcastStage {
  static final String NEAR_CACHE = "in-memory format OBJECT, invalidation on (the member tells clients of every"
      + " write), no TTL";

  private HazelcastStage() {
  }

  static void run(boolean quick, Path results, Properties run) throws Exception {
    System.setProperty("hazelcast.logging.type", "none");
    System.setProperty("hazelcast.phone.home.enabled", "false");
    HotKeyWorkload.Options options = BuzzerStage.options(quick);
    options.layers = List.of("hazelcast");
    run.setProperty("hazelcast.version", GeneratedBuildProperties.VERSION);
    run.setProperty("hazelcast.nearcache", NEAR_CACHE);
    String cluster = "dualcache-bench-" + ProcessHandle.current().pid();
    int port = freePort();
    Process member = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-Dhazelcast.logging.type=none", "-cp", System.getProperty("java.class.path"),
        HazelcastMember.class.getName(), String.valueOf(port), cluster)
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    List<HazelcastInstance> clients = new ArrayList<>();
    List<CacheManager> boxes = new ArrayList<>();
    List<CachingProvider> providers = new ArrayList<>();
    try {
      MemberStats stats = new MemberStats(member);
      stats.awaitReady();
      for (int box = 0; box < options.boxes; box++) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().addAddress("127.0.0.1:" + port);
        config.addNearCacheConfig(new NearCacheConfig("*").setInMemoryFormat(InMemoryFormat.OBJECT)
            .setInvalidateOnChange(true));
        HazelcastInstance client = HazelcastClient.newHazelcastClient(config);
        clients.add(client);
        // Hazelcast prefixes cache names with a manager's URI and class loader unless both are the
        // provider's defaults: every box must use those to share caches, and so its own provider,
        // since one provider hands the same manager to the same URI and class loader
        CachingProvider provider = new HazelcastClientCachingProvider();
        providers.add(provider);
        boxes.add(provider.getCacheManager(provider.getDefaultURI(), provider.getDefaultClassLoader(),
            HazelcastCachingProvider.propertiesByInstanceItself(client)));
      }
      HotKeyWorkload workload = new HotKeyWorkload(options, stats);
      List<HotKeyWorkload.Result> measured = workload.measureAll("hazelcast", boxes);
      WorkloadCsv.write(results.resolve("hazelcast.csv"), options, measured);
    } finally {
      boxes.forEach(CacheManager::close);
      providers.forEach(CachingProvider::close);
      clients.forEach(HazelcastInstance::shutdown);
      member.getOutputStream().close();
      if (!member.waitFor(20, TimeUnit.SECONDS)) {
        member.destroyForcibly();
      }
    }
  }

  /** The member's gets and puts, asked over its stdin. */
  private static final class MemberStats implements HotKeyWorkload.GlobalCounters {
    private final BufferedReader out;
    private final PrintWriter in;

    MemberStats(Process member) {
      out = new BufferedReader(new InputStreamReader(member.getInputStream(), StandardCharsets.UTF_8));
      in = new PrintWriter(member.getOutputStream(), true, StandardCharsets.UTF_8);
    }

    void awaitReady() throws IOException {
      for (String line = out.readLine(); ; line = out.readLine()) {
        if (line == null) {
          throw new IllegalStateException("the Hazelcast member ended before it was ready");
        }
        if (line.equals("READY")) {
          return;
        }
      }
    }

    @Override
    public synchronized long[] snapshot() {
      in.println("stats");
      try {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          if (line.startsWith("STATS ")) {
            String[] parts = line.split(" ");
            return new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2]), -1};
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      throw new IllegalStateException("the Hazelcast member ended");
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
