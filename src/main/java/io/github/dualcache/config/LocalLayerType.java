package io.github.dualcache.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Which local layer fronts the global memcached cluster. */
public enum LocalLayerType {
  /** Global layer only. */
  NONE,
  /** A memcached on the same host, shared by every JVM on the box. */
  MEMCACHED,
  /** An in-process, size-bounded near cache. */
  HEAP;

  static LocalLayerType parse(String key, String text) {
    for (LocalLayerType type : values()) {
      if (type.name().equalsIgnoreCase(text.trim())) {
        return type;
      }
    }
    throw new IllegalArgumentException(key + "=" + text + " is not a local layer type; valid choices: "
        + Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
  }
}
