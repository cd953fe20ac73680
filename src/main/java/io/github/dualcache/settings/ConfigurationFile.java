package io.github.dualcache.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.dualcache.config.FailureMode;
import io.github.dualcache.config.LocalLayerType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON file a CacheManager URI may name ({@code classpath:dualcache.json} or
 * {@code file:/etc/app/dualcache.json}): the same settings as the properties, plus settings per
 * cache under {@code "caches"}.
 *
 * <pre>{@code
 * {
 *   "dualcache.global.servers": "cache1:11211,cache2:11211",
 *   "dualcache.local.type": "memcached",
 *   "dualcache.local.servers": "127.0.0.1:11211",
 *   "caches": {
 *     "prices": { "dualcache.local.type": "heap", "dualcache.local.ttl": "250ms" },
 *     "recommendations": { "dualcache.failureMode": "failOpen" }
 *   }
 * }
 * }</pre>
 */
public final class ConfigurationFile {
  private static final Set<String> PER_CACHE =
      Set.of(DualcacheSettings.LOCAL_TYPE, DualcacheSettings.LOCAL_TTL, DualcacheSettings.FAILURE_MODE);
  static final ConfigurationFile NONE = new ConfigurationFile(Map.of(), Map.of());

  private final Map<String, String> settings;
  private final Map<String, CacheSettings> caches;

  /** What the file says about one cache; null fields follow the CacheManager's settings. */
  public record CacheSettings(LocalLayerType localLayer, Duration localTtl, FailureMode failureMode) {
    public CacheSettings(LocalLayerType localLayer, Duration localTtl) {
      this(localLayer, localTtl, null);
    }
  }

  private ConfigurationFile(Map<String, String> settings, Map<String, CacheSettings> caches) {
    this.settings = settings;
    this.caches = caches;
  }

  /**
   * The file {@code uri} names, or an empty one if {@code uri} is only a manager's name. A URI names
   * a file when its scheme is {@code classpath}, {@code file} or {@code jar}, or when its path ends
   * in {@code .json} (any scheme a {@link URL} can open, such as Spring Boot's
   * {@code jar:nested:}, or a bare resource name); frameworks hand us whichever form their
   * packaging gives. A URI that names a file which cannot be read is an error that names it: a
   * silent fall-back to the defaults would point the app at {@code 127.0.0.1:11211}.
   */
  public static ConfigurationFile of(URI uri, ClassLoader classLoader) {
    if (!namesAFile(uri)) {
      return NONE;
    }
    return parse(uri, read(uri, classLoader));
  }

  static boolean namesAFile(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String path = uri.isOpaque() ? uri.getSchemeSpecificPart() : uri.getPath();
    return scheme.equals("classpath") || scheme.equals("file") || scheme.equals("jar")
        || (path != null && path.toLowerCase(Locale.ROOT).endsWith(".json"));
  }

  private static byte[] read(URI uri, ClassLoader classLoader) {
    boolean resourceName = uri.getScheme() == null || uri.getScheme().equalsIgnoreCase("classpath");
    byte[] bytes;
    try {
      bytes = resourceName ? resource(classLoader, resourceName(uri)) : open(uri, classLoader);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("CacheManager URI " + uri + " names a configuration file that cannot be read: "
          + e, e);
    }
    if (bytes == null) {
      throw new IllegalArgumentException("CacheManager URI " + uri + " names the configuration file "
          + resourceName(uri) + ", which is not on the classpath");
    }
    return bytes;
  }

  private static String resourceName(URI uri) {
    String name = uri.getScheme() == null ? uri.getPath() : uri.getSchemeSpecificPart();
    return name.replaceFirst("^/+", "");
  }

  private static byte[] open(URI uri, ClassLoader classLoader) throws IOException {
    try (InputStream in = uri.toURL().openStream()) {
      return in.readAllBytes();
    } catch (IOException | IllegalArgumentException e) {
      // A jar URI whose handler this JVM lacks (a packaged app's nested jar read from outside its
      // launcher): the entry after the last "!/" is a resource of the app's class loader.
      String spec = uri.getSchemeSpecificPart();
      int entry = spec.lastIndexOf("!/");
      byte[] bytes = entry < 0 ? null : resource(classLoader, spec.substring(entry + 2));
      if (bytes == null) {
        throw e;
      }
      return bytes;
    }
  }

  private static byte[] resource(ClassLoader classLoader, String name) throws IOException {
    try (InputStream in = classLoader.getResourceAsStream(name)) {
      return in == null ? null : in.readAllBytes();
    }
  }

  static ConfigurationFile parse(URI source, byte[] json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("The configuration file " + source + " is not valid JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot read the configuration file " + source + ": " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("The configuration file " + source + " must hold a JSON object");
    }
    Map<String, String> settings = new LinkedHashMap<>();
    Map<String, CacheSettings> caches = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equals("caches")) {
        for (Iterator<Map.Entry<String, JsonNode>> named = field.getValue().fields(); named.hasNext(); ) {
          Map.Entry<String, JsonNode> cache = named.next();
          caches.put(cache.getKey(), cacheSettings(source, cache.getKey(), cache.getValue()));
        }
      } else {
        DualcacheSettings.checkKnown(field.getKey(), "in " + source);
        settings.put(field.getKey(), scalar(source, field.getKey(), field.getValue()));
      }
    }
    return new ConfigurationFile(Map.copyOf(settings), Map.copyOf(caches));
  }

  private static CacheSettings cacheSettings(URI source, String cacheName, JsonNode node) {
    LocalLayerType type = null;
    Duration ttl = null;
    FailureMode failureMode = null;
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey();
      if (!PER_CACHE.contains(key)) {
        throw new IllegalArgumentException("Unknown per-cache setting " + key + " for cache " + cacheName + " in "
            + source + "; valid per-cache settings: " + String.join(", ", PER_CACHE));
      }
      String value = scalar(source, key, field.getValue());
      if (key.equals(DualcacheSettings.LOCAL_TYPE)) {
        type = Choices.parse(LocalLayerType.class, key, value);
      } else if (key.equals(DualcacheSettings.FAILURE_MODE)) {
        failureMode = Choices.parse(FailureMode.class, key, value);
      } else {
        ttl = LocalTtl.check(Durations.parse(key, value), key + "=" + value + " for cache " + cacheName + " in " + source);
      }
    }
    return new CacheSettings(type, ttl, failureMode);
  }

  private static String scalar(URI source, String key, JsonNode value) {
    if (!value.isValueNode() || value.isNull()) {
      throw new IllegalArgumentException(key + " in " + source + " must be a string or a number");
    }
    return value.asText();
  }

  /** The file's top-level settings. */
  Map<String, String> settings() {
    return settings;
  }

  /** The file's settings for {@code cacheName}, or null fields where it has none. */
  public CacheSettings cache(String cacheName) {
    return caches.getOrDefault(cacheName, new CacheSettings(null, null, null));
  }
}
