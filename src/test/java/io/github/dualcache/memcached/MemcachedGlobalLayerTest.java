package io.github.dualcache.memcached;

import io.github.dualcache.testing.GlobalClients;
import io.github.dualcache.testing.MemcachedExtension;
import io.github.dualcache.tier.GlobalLayer;
import io.github.dualcache.tier.GlobalLayerContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@link GlobalLayerContract} on one global memcached. */
class MemcachedGlobalLayerTest extends GlobalLayerContract {
  @RegisterExtension static final MemcachedExtension GLOBAL = new MemcachedExtension();
  @RegisterExtension final GlobalClients clients = new GlobalClients(GLOBAL::address);

  @Override
  protected GlobalLayer newClient(String cacheName) {
    return clients.open(cacheName, GENERATION_TTL);
  }
}
