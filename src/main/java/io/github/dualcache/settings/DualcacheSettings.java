package io.github.dualcache.settings;

import io.github.dualcache.config.CodecType;
import io.github.dualcache.config.FailureMode;
import io.github.dualcache.config.LocalLayerType;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * The settings of one CacheManager, read from (highest precedence first) the {@code Properties}
 * given to {@code getCacheManager}, system properties, {@code DUALCACHE_*} environment variables
 * and the defaults. Every name is documented in the README.
 */
public final class DualcacheSettings {
  public static final String GLOBAL_SERVERS = "dualcache.global.servers";
  public static final String LOCAL_TYPE = "dualcache.local.type";
  public static final String LOCAL_SERVERS = "dualcache.local.servers";
  public static final String LOCAL_TTL = "dualcache.local.ttl";
  public static final String LOCAL_MAX_ENTRIES = "dualcache.local.maxEntries";
  public static final String NAMESPACE = "dualcache.namespace";
  public static final String TIMEOUT = "dualcache.timeout";
  public static final String CODEC = "dualcache.codec";
  public static final String CODEC_ALLOW = "dualcache.codec.allow";
  public static final String STATISTICS = "dualcache.statistics";
  public static final String FAILURE_MODE = "dualcache.failureMode";

  private static final Map<String, String> DEFAULTS = defaults();

  private final List<HostAndPort> globalServers;
  private final LocalLayerType localType;
  private final List<HostAndPort> localServers;
  private final Duration localTtl;
  private final int localMaxEntries;
  private final String namespace;
  private final Duration timeout;
  private final CodecType codec;
  private final String codecAllow;
  private final boolean statistics;
  private final FailureMode failureMode;

  private DualcacheSettings(Map<String, String> values) {
    globalServers = HostAndPort.parseList(GLOBAL_SERVERS, values.get(GLOBAL_SERVERS));
    localType = Choices.parse(LocalLayerType.class, LOCAL_TYPE, values.get(LOCAL_TYPE));
    String local = values.get(LOCAL_SERVERS);
    if (localType == LocalLayerType.MEMCACHED && (local == null || local.isBlank())) {
      throw new IllegalArgumentException(LOCAL_TYPE + "=memcached needs " + LOCAL_SERVERS
          + " (host:port of the memcached on this host)");
    }
    localServers = local == null || local.isBlank() ? List.of() : HostAndPort.parseList(LOCAL_SERVERS, local);
    String ttl = values.get(LOCAL_TTL);
    localTtl = LocalTtl.check(Durations.parse(LOCAL_TTL, ttl), LOCAL_TTL + "=" + ttl);
    localMaxEntries = parsePositiveInt(LOCAL_MAX_ENTRIES, values.get(LOCAL_MAX_ENTRIES));
    namespace = values.get(NAMESPACE).trim();
    if (namespace.isEmpty() || namespace.length() > 64 || !namespace.chars().allMatch(c -> c > 32 && c < 127 && c != ':')) {
      throw new IllegalArgumentException(NAMESPACE + "=" + namespace
          + " must be 1-64 printable ASCII characters without spaces or ':'");
    }
    timeout = Durations.parse(TIMEOUT, values.get(TIMEOUT));
    if (timeout.isZero()) {
      throw new IllegalArgumentException(TIMEOUT + " must be greater than zero");
    }
    codec = Choices.parse(CodecType.class, CODEC, values.get(CODEC));
    codecAllow = values.get(CODEC_ALLOW).trim();
    statistics = parseBoolean(STATISTICS, values.get(STATISTICS));
    failureMode = Choices.parse(FailureMode.class, FAILURE_MODE, values.get(FAILURE_MODE));
  }

  /**
   * Settings from, lowest precedence first: the defaults, the environment, system properties, the
   * configuration file the CacheManager's URI names, and {@code explicit}.
   */
  public static DualcacheSettings load(Properties explicit, ConfigurationFile file) {
    return load(explicit, file, System.getProperties(), System::getenv);
  }

  static DualcacheSettings load(Properties explicit, Properties system, Function<String, String> environment) {
    return load(explicit, ConfigurationFile.NONE, system, environment);
  }

  static DualcacheSettings load(Properties explicit, ConfigurationFile file, Properties system,
      Function<String, String> environment) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    for (String key : DEFAULTS.keySet()) {
      String fromEnvironment = environment.apply(environmentName(key));
      if (fromEnvironment != null) {
        values.put(key, fromEnvironment);
      }
    }
    overlay(values, system);
    values.putAll(file.settings());
    if (explicit != null) {
      overlay(values, explicit);
    }
    return new DualcacheSettings(values);
  }

  /** The environment variable for a setting: {@code dualcache.local.ttl} is {@code DUALCACHE_LOCAL_TTL}. */
  public static String environmentName(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_');
  }

  private static void overlay(Map<String, String> values, Properties source) {
    for (String key : source.stringPropertyNames()) {
      if (key.startsWith("dualcache.")) {
        checkKnown(key, "");
        values.put(key, source.getProperty(key));
      }
    }
  }

  static void checkKnown(String key, String where) {
    if (!DEFAULTS.containsKey(key)) {
      throw new IllegalArgumentException("Unknown setting " + key + (where.isEmpty() ? "" : " " + where)
          + "; valid settings: " + String.join(", ", DEFAULTS.keySet()));
    }
  }

  private static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put(GLOBAL_SERVERS, "127.0.0.1:11211");
    defaults.put(LOCAL_TYPE, "none");
    defaults.put(LOCAL_SERVERS, "");
    defaults.put(LOCAL_TTL, "1s");
    defaults.put(LOCAL_MAX_ENTRIES, "10000");
    defaults.put(NAMESPACE, "dualcache");
    defaults.put(TIMEOUT, "500ms");
    defaults.put(CODEC, "java");
    defaults.put(CODEC_ALLOW, "");
    defaults.put(STATISTICS, "false");
    defaults.put(FAILURE_MODE, "failFast");
    return Map.copyOf(defaults);
  }

  private static int parsePositiveInt(String key, String text) {
    try {
      int value = Integer.parseInt(text.trim());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new IllegalArgumentException(key + "=" + text + " must be a positive integer");
  }

  private static boolean parseBoolean(String key, String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(key + "=" + text + " must be true or false");
    };
  }

  public List<HostAndPort> globalServers() {
    return globalServers;
  }

  public LocalLayerType localType() {
    return localType;
  }

  public List<HostAndPort> localServers() {
    return localServers;
  }

  /** How long a node may serve a local copy (of an entry or of a cache's generation). */
  public Duration localTtl() {
    return localTtl;
  }

  public int localMaxEntries() {
    return localMaxEntries;
  }

  public String namespace() {
    return namespace;
  }

  /** The bound on every call to the global layer. */
  public Duration timeout() {
    return timeout;
  }

  public CodecType codec() {
    return codec;
  }

  /** Extra {@link java.io.ObjectInputFilter} patterns admitted by the JDK codec, ';'-separated. */
  public String codecAllow() {
    return codecAllow;
  }

  /**
   * Whether every cache this manager creates has JCache statistics and management on, whatever its
   * configuration says: caches that frameworks create cannot ask for them, and dashboards need them.
   */
  public boolean statistics() {
    return statistics;
  }

  /** What plain reads of this manager's caches do when the global layer fails, unless a cache says otherwise. */
  public FailureMode failureMode() {
    return failureMode;
  }

  @Override
  public String toString() {
    return GLOBAL_SERVERS + "=" + globalServers + ", " + LOCAL_TYPE + "=" + localType + ", "
        + LOCAL_SERVERS + "=" + localServers + ", " + LOCAL_TTL + "=" + localTtl + ", "
        + LOCAL_MAX_ENTRIES + "=" + localMaxEntries + ", " + NAMESPACE + "=" + namespace + ", "
        + TIMEOUT + "=" + timeout + ", " + CODEC + "=" + codec + ", " + STATISTICS + "=" + statistics + ", "
        + FAILURE_MODE + "=" + failureMode;
  }
}
