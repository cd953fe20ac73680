package io.github.dualcache.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.BasicPolymorphicTypeValidator;
import java.io.IOException;

/**
 * JSON through Jackson, for caches with declared key and value types: readable and writable by
 * clients in any language. Only the declared type is ever instantiated: default typing stays off
 * and the polymorphic type validator allows no class named in the bytes (so even a type annotated
 * {@code @JsonTypeInfo(use = CLASS)} cannot be made to create one), and the read constraints bound
 * the work any document can cause.
 */
final class JsonCodec implements Codec {
  static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
      .maxNestingDepth(64)
      .maxNumberLength(256)
      .maxStringLength(16 * 1024 * 1024)
      .maxNameLength(64 * 1024)
      .maxDocumentLength(64L * 1024 * 1024)
      .build();

  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build())
      .polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder().build())
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .build();

  private final Class<?> type;

  JsonCodec(Class<?> type) {
    if (type == Object.class) {
      throw new IllegalArgumentException("dualcache.codec=json needs a cache with declared key and value types "
          + "(MutableConfiguration.setTypes); an Object type cannot be read back without default typing");
    }
    this.type = type;
  }

  /** The mapper, for tests that check it has no default typing. */
  static ObjectMapper mapper() {
    return MAPPER;
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
