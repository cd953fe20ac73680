package io.github.dualcache.config;

/** How keys and values are turned into bytes. */
public enum CodecType {
  /** JDK serialization read through an allow-list filter; works for any {@code Serializable}. */
  JAVA,
  /** {@code String}, {@code byte[]} and boxed primitives only, readable by any client. */
  RAW,
  /** JSON through Jackson, for caches with declared key and value types; readable by any client. */
  JSON;
}
