package io.github.dualcache.memcached;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.settings.HostAndPort;
import io.github.dualcache.testing.Boxes;
import io.github.dualcache.testing.MemcachedServer;
import io.github.dualcache.time.TimeSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cluster decides which server's breaker a call answers to from a ring it read once; it must
 * be the server spymemcached really sends the key to, or a frozen server's breaker would fail
 * another server's keys (and let its own through).
 */
class MemcachedClusterRoutingTest {
  @RegisterExtension static final Boxes SERVERS = Boxes.withGlobalServers(3);

  @Test
  void everyKeysBreakerIsTheServerThatHoldsIt() {
    List<HostAndPort> servers = new ArrayList<>();
    for (MemcachedServer server : SERVERS.globals()) {
      servers.add(new HostAndPort("127.0.0.1", server.port()));
    }
    try (MemcachedCluster cluster = new MemcachedCluster("global", servers, Duration.ofSeconds(5), TimeSource.SYSTEM)) {
      Set<String> used = new HashSet<>();
      for (int i = 0; i < 60; i++) {
        String key = "routing-test:" + i;
        byte[] value = key.getBytes(StandardCharsets.UTF_8);
        cluster.set(key, 60, value);
        assertArrayEquals(value, cluster.get(key));
        String server = cluster.serverOf(key);
        used.add(server);
        MemcachedServer holder = SERVERS.globals().stream()
            .filter(s -> server.equals("127.0.0.1:" + s.port())).findFirst().orElseThrow();
        assertTrue(holder.keys().contains(key), key + " is not on " + server + ", whose breaker it answers to");
      }
      assertEquals(3, used.size(), "60 keys over 3 servers reach every server");
    }
  }

  @Test
  void aPlainGetReadsWhatWasStoredAndNothingForAMissingKey() {
    MemcachedServer one = SERVERS.globals().get(0);
    try (MemcachedCluster cluster = new MemcachedCluster("local", List.of(new HostAndPort("127.0.0.1", one.port())),
        Duration.ofSeconds(5), TimeSource.SYSTEM)) {
      byte[] value = {0, 1, 2, (byte) 0xff};
      cluster.set("plain-get", 60, value);
      assertArrayEquals(value, cluster.get("plain-get"));
      assertEquals(null, cluster.get("plain-get-missing"));
    }
  }
}
