package io.github.dualcache.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class RawCodecTest {
  private final RawCodec codec = new RawCodec();

  @Test
  void roundTripsStringsBytesAndBoxedPrimitives() {
    for (Object value : List.of("ключ", 7L, 7, (short) 7, (byte) 7, 7.5d, 7.5f, true, 'x')) {
      assertEquals(value, codec.decode(codec.encode(value)));
    }
    assertArrayEquals(new byte[] {1, 2}, (byte[]) codec.decode(codec.encode(new byte[] {1, 2})));
  }

  @Test
  void rejectsOtherTypesAndMalformedBytes() {
    assertThrows(IllegalArgumentException.class, () -> codec.encode(List.of()));
    assertThrows(CodecException.class, () -> codec.decode(new byte[0]));
    assertThrows(CodecException.class, () -> codec.decode(new byte[] {'J', 1, 2}));
    assertThrows(CodecException.class, () -> codec.decode(new byte[] {'?'}));
  }
}
