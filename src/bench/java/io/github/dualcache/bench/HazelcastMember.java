package io.github.dualcache.bench;

import com.hazelcast.cache.ICache;
import com.hazelcast.config.Config;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * One Hazelcast member, run in its own JVM by {@link HazelcastStage}: prints {@code READY}, then
 * answers each {@code stats} line on stdin with {@code STATS <gets> <puts>}, the member's own
 * cache statistics summed over its caches (what reached the member, not what near caches served).
 * Ends when stdin closes.
 */
public final class HazelcastMember {
  private HazelcastMember() {
  }

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Config config = new Config();
    config.setClusterName(args[1]);
    config.setProperty("hazelcast.phone.home.enabled", "false");
    config.getNetworkConfig().setPort(port).setPortAutoIncrement(false);
    config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
    config.getNetworkConfig().getJoin().getTcpIpConfig().setEnabled(true).addMember("127.0.0.1:" + port);
    config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
    HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
    System.out.println("READY");
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if (line.trim().equals("stats")) {
        long gets = 0;
        long puts = 0;
        for (DistributedObject object : member.getDistributedObjects()) {
          if (object instanceof ICache<?, ?> cache) {
            gets += cache.getLocalCacheStatistics().getCacheGets();
            puts += cache.getLocalCacheStatistics().getCachePuts();
          }
        }
        System.out.println("STATS " + gets + " " + puts);
        System.out.flush();
      }
    }
    member.shutdown();
  }
}
