package io.github.dualcache.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How keys and values are turned into bytes. */
public enum CodecType {
  /** JDK serialization read through an allow-list filter; works for any {@code Serializable}. */
  JAVA,
  /** {@code String}, {@code byte[]} and boxed primitives only, readable by any client. */
  RAW,
  /** JSON through Jackson, for caches with declared key and value types; readable by any client. */
  JSON;

  static CodecType parse(String key, String text) {
    for (CodecType type : values()) {
      if (type.name().equalsIgnoreCase(text.trim())) {
        return type;
      }
    }
    throw new IllegalArgumentException(key + "=" + text + " is not a codec; valid choices: "
        + Arrays.stream(values()).map(t -> t.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
  }
}
