package io.github.dualcache.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
 *     "prices": { "dualcache.local.type": "heap", "dualcache.local.ttl": "250ms" }
 *   }
 * }
 * }</pre>
 */
public final class ConfigurationFile {
  private static final Set<String> PER_CACHE = Set.of(DualcacheSettings.LOCAL_TYPE, DualcacheSettings.LOCAL_TTL);
  static final ConfigurationFile NONE = new ConfigurationFile(Map.of(), Map.of());

  private final Map<String, String> settings;
  private final Map<String, CacheSettings> caches;

  /** What the file says about one cache; null fields follow the CacheManager's settings. */
  public record CacheSettings(LocalLayerType localLayer, Duration localTtl) {}

  private ConfigurationFile(Map<String, String> settings, Map<String, CacheSettings> caches) {
    this.settings = settings;
    this.caches = caches;
  }

  /** The file {@code uri} names, or an empty one if the URI is not a {@code classpath:} or {@code file:} URI. */
  public static ConfigurationFile of(URI uri, ClassLoader classLoader) {
    String scheme = uri.getScheme();
    if ("classpath".equals(scheme)) {
      String path = uri.getSchemeSpecificPart().replaceFirst("^/+", "");
      try (InputStream in = classLoader.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalArgumentException("CacheManager URI " + uri + " names a configuration file that is not on the classpath");
        }
        return parse(uri, in.readAllBytes());
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read the configuration file " + uri + ": " + e.getMessage(), e);
      }
    }
    if ("file".equals(scheme)) {
      try {
        return parse(uri, Files.readAllBytes(Path.of(uri)));
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("CacheManager URI " + uri + " names a configuration file that does not exist");
      } catch (IOException e) {
        throw new IllegalArgumentException("Cannot read the configuration file " + uri + ": " + e.getMessage(), e);
      }
    }
    return NONE;
  }

  static ConfigurationFile parse(URI source, byte[] json) {
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("The configuration file " + source + " is not valid JSON: " + e.getOriginalMessage());
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
      } else {
        ttl = LocalTtl.check(Durations.parse(key, value), key + "=" + value + " for cache " + cacheName + " in " + source);
      }
    }
    return new CacheSettings(type, ttl);
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
    return caches.getOrDefault(cacheName, new CacheSettings(null, null));
  }
}
