package io.github.dualcache.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RawCodecTest {
  private final RawCodec codec = new RawCodec();

  @Test
  void roundTripsStringsBytesAndBoxedPrimitives() {
    for (Object value : List.of("ключ", "", "😀 pair", 7L, 7, (short) 7, (byte) 7, 7.5d, 7.5f, true, 'x', '\uD800')) {
      assertEquals(value, codec.decode(codec.encode(value)));
    }
    assertArrayEquals(new byte[] {1, 2}, (byte[]) codec.decode(codec.encode(new byte[] {1, 2})));
  }

  @Test
  void stringsWithLoneSurrogatesRoundTripExactly() {
    for (String value : List.of("\uD800", "\uDC00", "a\uD800b", "\uDBFF\uDBFF", "\uDC00\uD800", "😀\uD83D", "x\uDE00")) {
      assertEquals(value, codec.decode(codec.encode(value)), () -> "for " + escape(value));
    }
  }

  @Test
  void stringsDifferingOnlyInALoneSurrogateEncodeDifferently() {
    // UTF-8 encoding turns every unpaired surrogate into '?': these were one key
    byte[] high = codec.encode("key\uD800");
    byte[] low = codec.encode("key\uDC00");
    byte[] question = codec.encode("key?");
    assertFalse(Arrays.equals(high, low));
    assertFalse(Arrays.equals(high, question));
    assertFalse(Arrays.equals(low, question));
  }

  @Test
  void wellFormedStringsKeepTheirFormatSoEntriesAlreadyStoredStayReadable() {
    byte[] utf8 = "ключ 😀".getBytes(StandardCharsets.UTF_8);
    byte[] stored = new byte[utf8.length + 1];
    stored[0] = 's';
    System.arraycopy(utf8, 0, stored, 1, utf8.length);
    assertArrayEquals(stored, codec.encode("ключ 😀"));
    assertEquals("ключ 😀", codec.decode(stored));
  }

  @Test
  void rejectsOtherTypesAndMalformedBytes() {
    assertThrows(IllegalArgumentException.class, () -> codec.encode(List.of()));
    assertThrows(CodecException.class, () -> codec.decode(new byte[0]));
    assertThrows(CodecException.class, () -> codec.decode(new byte[] {'J', 1, 2}));
    assertThrows(CodecException.class, () -> codec.decode(new byte[] {'?'}));
    // not UTF-8, and an encoded surrogate: replacing them would make distinct bytes one string
    assertThrows(CodecException.class, () -> codec.decode(new byte[] {'s', (byte) 0xFF}));
    assertThrows(CodecException.class, () -> codec.decode(new byte[] {'s', (byte) 0xED, (byte) 0xA0, (byte) 0x80}));
    assertThrows(CodecException.class, () -> codec.decode(new byte[] {'u', 0, 'a', 0}));
    // a well-formed string has exactly one encoding
    assertThrows(CodecException.class, () -> codec.decode(new byte[] {'u', 0, 'a'}));
  }

  @Test
  void randomBytesDecodeToAValueOrACodecException() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      byte[] bytes = new byte[random.nextInt(12)];
      random.nextBytes(bytes);
      if (bytes.length > 0) {
        bytes[0] = (byte) "sbJISBDFZCu?".charAt(random.nextInt(12));
      }
      try {
        codec.decode(bytes);
      } catch (CodecException expected) {
        // refused
      }
    }
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    s.chars().forEach(c -> out.append(String.format("\\u%04X", c)));
    return out.toString();
  }
}
