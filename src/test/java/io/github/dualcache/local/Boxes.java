package io.github.dualcache.local;

import io.github.dualcache.cache.ManagersOnClock;
import io.github.dualcache.testing.CloseAll;
import io.github.dualcache.testing.MemcachedServer;
import io.github.dualcache.time.TimeSource;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

/**
 * Simulated web boxes over one global memcached: each box is a CacheManager under its own URI
 * (its own connections) with its own local layer; a box with a {@code memcached} local layer gets
 * its own local memcached process, as a real box would. {@link #close()} closes every manager,
 * then every local memcached.
 */
public final class Boxes implements AutoCloseable {

  public static final String PROVIDER = "io.github.dualcache.spi.DualcacheCachingProvider";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** One box: its manager and, for a {@code memcached} local layer, its local memcached. */
  public record Box(CacheManager manager, MemcachedServer localServer) {}

  private final String globalServers;
  /** The clock every box reads, or null for the system's (managers then come from the provider). */
  private final TimeSource time;
  private final List<CacheManager> managers = new ArrayList<>();
  private final List<MemcachedServer> localServers = new ArrayList<>();

  public Boxes(String globalServers) {
    this(globalServers, null);
  }

  /** Boxes whose managers all read {@code time}, so a test drives their TTLs instead of sleeping. */
  public Boxes(String globalServers, TimeSource time) {
    this.globalServers = globalServers;
    this.time = time;
  }

  /**
   * A new box with local layer {@code localType} ({@code none}, {@code heap} or {@code memcached})
   * and local TTL {@code localTtl}; {@code settings} are extra name/value pairs.
   */
  public Box open(String localType, Duration localTtl, String... settings) {
    MemcachedServer local = localType.equals("memcached") ? startLocal() : null;
    return new Box(openManager(localType, localTtl, local, settings), local);
  }

  /** A new box whose {@code memcached} local layer is {@code local} (e.g. shared with another box). */
  public Box openOn(MemcachedServer local, Duration localTtl, String... settings) {
    return new Box(openManager("memcached", localTtl, local, settings), local);
  }

  private MemcachedServer startLocal() {
    MemcachedServer local = MemcachedServer.start();
    localServers.add(local);
    return local;
  }

  private CacheManager openManager(String localType, Duration localTtl, MemcachedServer local, String... settings) {
    if (settings.length % 2 != 0) {
      throw new IllegalArgumentException("settings come in name/value pairs");
    }
    Properties properties = new Properties();
    properties.setProperty("dualcache.global.servers", globalServers);
    properties.setProperty("dualcache.timeout", "1s");
    properties.setProperty("dualcache.local.type", localType);
    properties.setProperty("dualcache.local.ttl", localTtl.toMillis() + "ms");
    if (local != null) {
      properties.setProperty("dualcache.local.servers", local.address());
    }
    for (int i = 0; i < settings.length; i += 2) {
      properties.setProperty(settings[i], settings[i + 1]);
    }
    URI uri = URI.create("dualcache://box-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
    CacheManager manager = time == null
        ? Caching.getCachingProvider(PROVIDER).getCacheManager(uri, Boxes.class.getClassLoader(), properties)
        : ManagersOnClock.open(uri, Boxes.class.getClassLoader(), properties, time);
    managers.add(manager);
    return manager;
  }

  /** A cache name no other test uses, so data left in the shared global memcached never leaks in. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static MutableConfiguration<String, String> strings() {
    return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
  }

  @Override
  public void close() {
    CloseAll.closeAll(managers, localServers);
  }
}
