package io.github.dualcache.memcached;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.tier.StoredEntry;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
  private final StoredEntry entry = new StoredEntry(new byte[] {1, 2, 3}, new byte[] {4, 5}, (byte) 1, 1_700_000_000_123L);

  @Test
  void roundTripsEveryField() {
    StoredEntry decoded = Envelope.decode(Envelope.encode(entry));
    assertArrayEquals(entry.key(), decoded.key());
    assertArrayEquals(entry.value(), decoded.value());
    assertEquals(entry.codec(), decoded.codec());
    assertEquals(entry.deadline(), decoded.deadline());
  }

  @Test
  void everyTruncationIsUnreadableOrShorter() {
    byte[] bytes = Envelope.encode(entry);
    for (int length = 0; length < Envelope.HEADER_BYTES + entry.key().length; length++) {
      assertNull(Envelope.decode(Arrays.copyOf(bytes, length)), "truncated to " + length);
    }
  }

  @Test
  void everyTruncationAndEveryFlippedByteIsUnreadable() {
    byte[] bytes = Envelope.encode(entry);
    for (int length = 0; length < bytes.length; length++) {
      assertNull(Envelope.decode(Arrays.copyOf(bytes, length)), "truncated to " + length);
    }
    for (int i = 0; i < bytes.length; i++) {
      byte[] damaged = bytes.clone();
      damaged[i] ^= 0x10;
      assertNull(Envelope.decode(damaged), "byte " + i + " flipped");
    }
  }

  @Test
  void aKeyLengthPastTheEndIsUnreadableNotAnAllocation() {
    byte[] bytes = Envelope.encode(entry);
    bytes[12] = 0x7f; // key length now ~2 GB (and the checksum no longer matches either)
    assertNull(Envelope.decode(bytes));
  }

  @Test
  void randomBytesNeverThrowAndNeverClaimMoreThanTheyHold() {
    Random random = new Random(42);
    for (int i = 0; i < 10_000; i++) {
      byte[] garbage = new byte[random.nextInt(64)];
      random.nextBytes(garbage);
      if (garbage.length > 2 && random.nextBoolean()) {
        garbage[0] = (byte) 0xDC;
        garbage[1] = 1;
      }
      StoredEntry decoded = Envelope.decode(garbage);
      if (decoded != null) {
        assertTrue(decoded.key().length + decoded.value().length <= garbage.length);
        assertTrue(decoded.deadline() >= 0);
      }
    }
  }

  @Test
  void foreignBytesAreUnreadable() {
    assertNull(Envelope.decode("a plain string someone else stored".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void anEnvelopeAfterOtherBytesIsReadInPlace() {
    byte[] envelope = Envelope.encode(entry);
    byte[] item = new byte[8 + envelope.length];
    Arrays.fill(item, 0, 8, (byte) 0x7f);
    System.arraycopy(envelope, 0, item, 8, envelope.length);
    StoredEntry decoded = Envelope.decode(item, 8);
    assertArrayEquals(entry.key(), decoded.key());
    assertArrayEquals(entry.value(), decoded.value());
    assertEquals(entry.codec(), decoded.codec());
    assertEquals(entry.deadline(), decoded.deadline());
  }

  @Test
  void atAnOffsetEveryTruncationAndEveryFlippedByteIsUnreadable() {
    byte[] envelope = Envelope.encode(entry);
    byte[] item = new byte[8 + envelope.length];
    System.arraycopy(envelope, 0, item, 8, envelope.length);
    for (int length = 0; length < item.length; length++) {
      assertNull(Envelope.decode(Arrays.copyOf(item, length), 8), "truncated to " + length);
    }
    for (int i = 8; i < item.length; i++) {
      byte[] damaged = item.clone();
      damaged[i] ^= 0x10;
      assertNull(Envelope.decode(damaged, 8), "byte " + i + " flipped");
    }
    assertNull(Envelope.decode(item, 7), "read from the wrong place");
    assertNull(Envelope.decode(item, item.length + 1), "offset past the end");
    assertNull(Envelope.decode(item, -1), "negative offset");
  }

  @Test
  void atAnOffsetRandomBytesNeverThrowAndNeverClaimMoreThanTheyHold() {
    Random random = new Random(7);
    for (int i = 0; i < 10_000; i++) {
      byte[] garbage = new byte[random.nextInt(72)];
      random.nextBytes(garbage);
      int offset = garbage.length == 0 ? 0 : random.nextInt(garbage.length + 1);
      if (garbage.length - offset > 2 && random.nextBoolean()) {
        garbage[offset] = (byte) 0xDC;
        garbage[offset + 1] = 1;
      }
      StoredEntry decoded = Envelope.decode(garbage, offset);
      if (decoded != null) {
        assertTrue(decoded.key().length + decoded.value().length <= garbage.length - offset);
      }
    }
  }
}
