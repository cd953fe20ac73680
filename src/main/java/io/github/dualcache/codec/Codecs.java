package io.github.dualcache.codec;

import io.github.dualcache.config.CodecType;
import java.util.Set;

/** Builds the codec a cache uses. */
public final class Codecs {
  private Codecs() {}

  /**
   * @param declaredTypes the cache's declared key and value types; the JDK codec admits them
   *     (and arrays of them) on top of its default allow-list and {@code extraAllow}
   */
  public static Codec create(CodecType type, ClassLoader classLoader, String extraAllow, Set<Class<?>> declaredTypes) {
    return switch (type) {
      case JAVA -> new JavaSerializationCodec(classLoader, extraAllow, declaredTypes);
      case RAW -> new RawCodec();
    };
  }
}
