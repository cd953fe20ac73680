package io.github.dualcache.memcached;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.testing.Boxes;
import io.github.dualcache.testing.GlobalClients;
import io.github.dualcache.testing.MemcachedServer;
import io.github.dualcache.tier.GlobalLayer;
import io.github.dualcache.tier.GlobalLayerContract;
import io.github.dualcache.tier.StoredEntry;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The {@link GlobalLayerContract} on a cluster of three global memcached processes, where a
 * cache's entries, its generation token and a batch read's keys are spread over the servers.
 */
class MemcachedGlobalLayerClusterTest extends GlobalLayerContract {
  @RegisterExtension static final Boxes SERVERS = Boxes.withGlobalServers(3);
  @RegisterExtension final GlobalClients clients = new GlobalClients(SERVERS::globalServers);

  @Override
  protected GlobalLayer newClient(String cacheName) {
    return clients.open(cacheName, GENERATION_TTL);
  }

  /** Without consistent hashing over every server (DESIGN.md, "Layers"), one server would hold them all. */
  @Test
  void entriesAreSpreadOverEveryServer() {
    for (int i = 0; i < 60; i++) {
      byte[] key = ("spread" + i).getBytes(StandardCharsets.UTF_8);
      layer.write(new StoredEntry(key, key, (byte) 1, StoredEntry.ETERNAL));
    }
    for (MemcachedServer server : SERVERS.globals()) {
      long items = server.keys().stream().filter(k -> !k.endsWith(":gen")).count();
      assertTrue(items >= 5, server + " holds " + items + " of 60 entries");
    }
  }
}
