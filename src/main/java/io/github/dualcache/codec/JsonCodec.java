package io.github.dualcache.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * JSON through Jackson, for caches with declared key and value types: readable and writable by
 * clients in any language. Only the declared type is ever instantiated: default typing stays off,
 * so the bytes cannot name a class to create.
 */
final class JsonCodec implements Codec {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  static {
    MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
  }

  private final Class<?> type;

  JsonCodec(Class<?> type) {
    if (type == Object.class) {
      throw new IllegalArgumentException("dualcache.codec=json needs a cache with declared key and value types "
          + "(MutableConfiguration.setTypes); an Object type cannot be read back without default typing");
    }
    this.type = type;
  }

  @Override
  public byte id() {
    return 3;
  }

  @Override
  public byte[] encode(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write " + value.getClass().getName() + " as JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public Object decode(byte[] bytes) {
    try {
      return MAPPER.readValue(bytes, type);
    } catch (IOException | RuntimeException e) {
      throw new CodecException("Malformed JSON for " + type.getName() + ": " + e.getMessage(), e);
    }
  }
}
