package io.github.dualcache.testing;

import io.github.dualcache.cache.ManagersOnClock;
import io.github.dualcache.time.TimeSource;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Simulated web boxes sharing one global memcached cluster: each box is a CacheManager under its
 * own URI (so its own connections) with its own local layer; a box with a {@code memcached} local
 * layer gets its own local memcached process, as a real box would.
 *
 * <p>As a JUnit extension it also runs the global servers: {@code @RegisterExtension static} runs
 * them for the test class and closes the boxes after each test; on an instance field everything is
 * per test. A test that kills and restarts servers itself opens its boxes with
 * {@link #managerOn}, or uses {@link #over} (try-with-resources or an extension).
 *
 * <pre>
 * &#64;RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);
 * ... BOXES.open("heap", Duration.ofMillis(300)).manager().createCache(Boxes.uniqueName("x"), Boxes.strings()) ...
 * </pre>
 *
 * Every box has a 1 s {@code dualcache.timeout} unless its settings say otherwise. Closing (after
 * each test, or {@link #close()}) thaws a frozen global server, then closes every manager, then
 * every local memcached.
 */
public final class Boxes implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, AutoCloseable {

  public static final String PROVIDER = "io.github.dualcache.spi.DualcacheCachingProvider";
  private static final AtomicInteger COUNTER = new AtomicInteger();

  /** One box: its manager and, for a {@code memcached} local layer, its local memcached. */
  public record Box(CacheManager manager, MemcachedServer localServer) {}

  private final int globalCount;
  private final String[] globalArgs;
  private final Supplier<String> externalServers;
  private final List<MemcachedServer> globals = new ArrayList<>();
  private final List<CacheManager> managers = new ArrayList<>();
  private final List<MemcachedServer> localServers = new ArrayList<>();
  private boolean perTest;
  /** The clock every manager of this fixture reads, or null for the system's (managers then come from the provider). */
  private TimeSource time;

  private Boxes(int globalCount, String[] globalArgs, Supplier<String> externalServers) {
    this.globalCount = globalCount;
    this.globalArgs = globalArgs.clone();
    this.externalServers = externalServers;
  }

  /** An extension running {@code count} global memcached processes started with {@code memcachedArgs}. */
  public static Boxes withGlobalServers(int count, String... memcachedArgs) {
    return new Boxes(count, memcachedArgs, null);
  }

  /** Boxes over global servers someone else runs ({@code host:port,...}, asked for at each open). */
  public static Boxes over(Supplier<String> globalServers) {
    return new Boxes(0, new String[0], globalServers);
  }

  public static Boxes over(String globalServers) {
    return over(() -> globalServers);
  }

  public static Boxes over(MemcachedExtension global) {
    return over(global::address);
  }

  /** Boxes for a test that starts, kills and restarts its global servers itself: see {@link #managerOn}. */
  public static Boxes overServersOfTheTest() {
    return over(() -> {
      throw new IllegalStateException("this fixture has no global servers of its own: open boxes with managerOn");
    });
  }

  /** Managers opened from now on read {@code time}, so a test drives their TTLs instead of sleeping. */
  public Boxes onClock(TimeSource time) {
    this.time = time;
    return this;
  }

  /** The global servers, comma-separated as {@code dualcache.global.servers} takes them. */
  public String globalServers() {
    if (externalServers != null) {
      return externalServers.get();
    }
    if (globals.isEmpty()) {
      throw new IllegalStateException("the global servers are not running (extension not registered?)");
    }
    return globals.stream().map(MemcachedServer::address).collect(Collectors.joining(","));
  }

  /** The only global server this fixture runs. */
  public MemcachedServer global() {
    if (globals.size() != 1) {
      throw new IllegalStateException("this fixture runs " + globals.size() + " global servers, not one");
    }
    return globals.get(0);
  }

  /** The global servers this fixture runs, in the order of {@link #globalServers()}. */
  public List<MemcachedServer> globals() {
    return List.copyOf(globals);
  }

  /**
   * A new box with local layer {@code localType} ({@code none}, {@code heap} or {@code memcached})
   * and local TTL {@code localTtl}; {@code settings} are extra name/value pairs.
   */
  public Box open(String localType, Duration localTtl, String... settings) {
    MemcachedServer local = localType.equals("memcached") ? startLocal() : null;
    return new Box(manager(withLocal(localType, localTtl, local, settings)), local);
  }

  /** A new box whose {@code memcached} local layer is {@code local} (e.g. shared with another box). */
  public Box openOn(MemcachedServer local, Duration localTtl, String... settings) {
    return new Box(manager(withLocal("memcached", localTtl, local, settings)), local);
  }

  /** A new manager on the global servers with {@code settings}, alternating names and values. */
  public CacheManager manager(String... settings) {
    return managerOn(globalServers(), settings);
  }

  /** A new manager on {@code globalServers} (e.g. servers the test kills and restarts itself). */
  public CacheManager managerOn(String globalServers, String... settings) {
    CacheManager manager = time == null
        ? openManager(globalServers, settings)
        : ManagersOnClock.open(uniqueUri(), Boxes.class.getClassLoader(), properties(globalServers, settings), time);
    managers.add(manager);
    return manager;
  }

  /**
   * A manager under a new URI on {@code globalServers}, which the caller closes: for a child JVM's
   * main, where no fixture outlives it.
   */
  public static CacheManager openManager(String globalServers, String... settings) {
    return Caching.getCachingProvider(PROVIDER)
        .getCacheManager(uniqueUri(), Boxes.class.getClassLoader(), properties(globalServers, settings));
  }

  private static Properties properties(String globalServers, String... settings) {
    if (settings.length % 2 != 0) {
      throw new IllegalArgumentException("settings come in name/value pairs");
    }
    Properties properties = new Properties();
    properties.setProperty("dualcache.global.servers", globalServers);
    properties.setProperty("dualcache.timeout", "1s");
    for (int i = 0; i < settings.length; i += 2) {
      properties.setProperty(settings[i], settings[i + 1]);
    }
    return properties;
  }

  private static URI uniqueUri() {
    return URI.create("dualcache://box-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet());
  }

  private static String[] withLocal(String localType, Duration localTtl, MemcachedServer local, String... settings) {
    List<String> all = new ArrayList<>(List.of("dualcache.local.type", localType,
        "dualcache.local.ttl", localTtl.toMillis() + "ms"));
    if (local != null) {
      all.addAll(List.of("dualcache.local.servers", local.address()));
    }
    all.addAll(List.of(settings));
    return all.toArray(new String[0]);
  }

  private MemcachedServer startLocal() {
    MemcachedServer local = MemcachedServer.start();
    localServers.add(local);
    return local;
  }

  /** A cache name no other test uses, so data left in the shared global memcached never leaks in. */
  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public static MutableConfiguration<String, String> strings() {
    return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    startGlobals();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (globals.isEmpty() && globalCount > 0) {
      perTest = true;
      startGlobals();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    close();
    if (perTest) {
      stopGlobals();
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
    stopGlobals();
  }

  private void startGlobals() {
    try {
      for (int i = 0; i < globalCount; i++) {
        globals.add(MemcachedServer.start(globalArgs));
      }
    } catch (RuntimeException e) {
      stopGlobals();
      throw e;
    }
  }

  private void stopGlobals() {
    CloseAll.closeAll(globals);
  }

  /** Closes every box opened so far; the global servers keep running. */
  @Override
  public void close() {
    for (MemcachedServer global : globals) {
      if (global.isFrozen()) {
        global.thaw();
      }
    }
    CloseAll.closeAll(managers, localServers);
  }
}
