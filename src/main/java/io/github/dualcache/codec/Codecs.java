package io.github.dualcache.codec;

import io.github.dualcache.config.CodecType;
import java.util.HashSet;
import java.util.Set;

/** Builds the codecs a cache uses for its keys and its values. */
public final class Codecs {
  private Codecs() {}

  /** The codec of a cache's keys and the codec of its values (one and the same for most types). */
  public record Pair(Codec keys, Codec values) {}

  /**
   * @param extraAllow more classes the JDK codec may read ({@code dualcache.codec.allow}); the
   *     declared key and value types are always allowed
   */
  public static Pair forCache(CodecType type, ClassLoader classLoader, String extraAllow, Class<?> keyType,
      Class<?> valueType) {
    return switch (type) {
      case JAVA -> {
        Set<Class<?>> declared = new HashSet<>();
        for (Class<?> declaredType : new Class<?>[] {keyType, valueType}) {
          if (declaredType != Object.class) {
            declared.add(declaredType);
          }
        }
        Codec codec = new JavaSerializationCodec(classLoader, extraAllow, declared);
        yield new Pair(codec, codec);
      }
      case RAW -> new Pair(new RawCodec(), new RawCodec());
      case JSON -> new Pair(new JsonCodec(keyType), new JsonCodec(valueType));
    };
  }
}
