package io.github.dualcache.testing;

import io.github.dualcache.jmx.LayerStatistics;
import io.github.dualcache.memcached.GlobalMemcached;
import io.github.dualcache.tier.GlobalLayer;
import io.github.dualcache.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Global layers without a CacheManager, each with its own memcached client as another JVM would
 * have, closed after each test ({@code @RegisterExtension} on an instance field).
 */
public final class GlobalClients implements AfterEachCallback {
  private final Supplier<String> servers;
  private final List<GlobalMemcached> open = new ArrayList<>();

  /** @param servers the global servers ({@code host:port,...}), asked for at each open */
  public GlobalClients(Supplier<String> servers) {
    this.servers = servers;
  }

  /** A new client of cache {@code cacheName} using its generation for at most {@code localTtl}. */
  public GlobalLayer open(String cacheName, Duration localTtl) {
    GlobalMemcached client = new GlobalMemcached(Settings.of("dualcache.global.servers", servers.get(), "dualcache.timeout", "5s"),
        TimeSource.SYSTEM);
    open.add(client);
    return client.cache(cacheName, localTtl, new LayerStatistics());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    CloseAll.closeAll(open);
  }
}
