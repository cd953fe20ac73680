package io.github.dualcache.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
  public record Price(String currency, long cents) {}

  @Test
  void roundTripsTheDeclaredTypeAsPlainJson() {
    JsonCodec codec = new JsonCodec(Price.class);
    byte[] bytes = codec.encode(new Price("EUR", 1250));
    assertEquals("{\"currency\":\"EUR\",\"cents\":1250}", new String(bytes, StandardCharsets.UTF_8));
    assertEquals(new Price("EUR", 1250), codec.decode(bytes));
  }

  @Test
  void bytesCannotNameAClassToCreate() {
    JsonCodec codec = new JsonCodec(Price.class);
    Object decoded = codec.decode("{\"@class\":\"java.lang.ProcessBuilder\",\"currency\":\"X\",\"cents\":1}"
        .getBytes(StandardCharsets.UTF_8));
    assertEquals(new Price("X", 1), decoded);
  }

  @Test
  void malformedOrTooDeepJsonIsACodecException() {
    JsonCodec codec = new JsonCodec(Price.class);
    assertThrows(CodecException.class, () -> codec.decode("{\"currency\":".getBytes(StandardCharsets.UTF_8)));
    String deep = "[".repeat(1000) + "]".repeat(1000);
    assertThrows(CodecException.class, () -> new JsonCodec(Object[].class).decode(deep.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void untypedCachesAreRefusedWithAReason() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new JsonCodec(Object.class));
    assertTrue(error.getMessage().contains("setTypes"), error.getMessage());
  }
}
