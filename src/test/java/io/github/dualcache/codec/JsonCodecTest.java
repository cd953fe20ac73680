package io.github.dualcache.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
  public record Price(String currency, long cents) {}

  public record Holder(Object value) {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
  public static class Shape {
    public int sides;
  }

  public static class Square extends Shape {}

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
  void defaultTypingIsOffSoAnObjectFieldIsPlainJson() {
    assertEquals(null, JsonCodec.mapper().getDeserializationConfig()
        .getDefaultTyper(TypeFactory.defaultInstance().constructType(Object.class)));
    Holder holder = (Holder) new JsonCodec(Holder.class).decode("{\"value\":[\"java.util.Date\",0]}"
        .getBytes(StandardCharsets.UTF_8));
    assertFalse(holder.value() instanceof Date);
    assertEquals(List.of("java.util.Date", 0), holder.value());
  }

  @Test
  void evenAnnotatedTypesCannotBeMadeToCreateAClassNamedInTheBytes() {
    byte[] named = ("{\"@class\":\"" + Square.class.getName() + "\",\"sides\":4}").getBytes(StandardCharsets.UTF_8);
    CodecException error = assertThrows(CodecException.class, () -> new JsonCodec(Shape.class).decode(named));
    assertTrue(error.getMessage().contains(Square.class.getName()), error.getMessage());
  }

  @Test
  void malformedOrTooDeepJsonIsACodecException() {
    JsonCodec codec = new JsonCodec(Price.class);
    assertThrows(CodecException.class, () -> codec.decode("{\"currency\":".getBytes(StandardCharsets.UTF_8)));
    String deep = "[".repeat(1000) + "]".repeat(1000);
    CodecException error = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> assertThrows(CodecException.class,
        () -> new JsonCodec(Object[].class).decode(deep.getBytes(StandardCharsets.UTF_8))));
    assertTrue(error.getMessage().contains("nesting depth"), error.getMessage());
    // 65 levels is over the configured 64 (Jackson's default allows 1000)
    String justOver = "[".repeat(65) + "]".repeat(65);
    assertThrows(CodecException.class, () -> new JsonCodec(Object[].class).decode(justOver.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void hugeNumbersAreRefusedBeforeTheyAreParsed() {
    // a million digits: BigInteger/BigDecimal parsing is superlinear, and the default limit is 1000 digits
    byte[] huge = ("{\"currency\":\"X\",\"cents\":" + "9".repeat(1_000_000) + "}").getBytes(StandardCharsets.UTF_8);
    CodecException error = assertTimeoutPreemptively(Duration.ofSeconds(2),
        () -> assertThrows(CodecException.class, () -> new JsonCodec(Price.class).decode(huge)));
    assertTrue(error.getMessage().contains("Number value length"), error.getMessage());
    byte[] longButAllowedByDefault = ("[" + "9".repeat(500) + "]").getBytes(StandardCharsets.UTF_8);
    assertThrows(CodecException.class, () -> new JsonCodec(Object[].class).decode(longButAllowedByDefault));
    assertInstanceOf(Object[].class, new JsonCodec(Object[].class).decode(("[" + "9".repeat(200) + "]")
        .getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void theReadConstraintsAreExplicit() {
    assertEquals(64, JsonCodec.CONSTRAINTS.getMaxNestingDepth());
    assertEquals(256, JsonCodec.CONSTRAINTS.getMaxNumberLength());
    assertEquals(16 * 1024 * 1024, JsonCodec.CONSTRAINTS.getMaxStringLength());
    assertEquals(64L * 1024 * 1024, JsonCodec.CONSTRAINTS.getMaxDocumentLength());
    assertEquals(JsonCodec.CONSTRAINTS, JsonCodec.mapper().getFactory().streamReadConstraints());
  }

  @Test
  void untypedCachesAreRefusedWithAReason() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new JsonCodec(Object.class));
    assertTrue(error.getMessage().contains("setTypes"), error.getMessage());
  }
}
