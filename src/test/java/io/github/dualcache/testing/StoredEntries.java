package io.github.dualcache.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.github.dualcache.tier.StoredEntry;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Layer-level test data: keys from text, and entries compared by content. */
public final class StoredEntries {
  private StoredEntries() {}

  public static byte[] key(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Serialized keys no memcached key could be: spaces, line breaks and control bytes (spelling a
   * command), the empty key, and a 10,000-byte key.
   */
  public static List<byte[]> oddKeys() {
    return List.of(new byte[] {' ', '\r', '\n', 0, (byte) 0xff, 'g', 'e', 't'}, new byte[0], longKey('x'));
  }

  /** The long odd key with a different last byte: another key, whatever a digest of a prefix says. */
  public static byte[] nearlyTheLongOddKey() {
    byte[] key = longKey('x');
    key[key.length - 1] = 'y';
    return key;
  }

  private static byte[] longKey(char fill) {
    byte[] key = new byte[10_000];
    Arrays.fill(key, (byte) fill);
    return key;
  }

  /** The entry read back is the one stored, field by field (a record's equals compares arrays by identity). */
  public static void assertSameEntry(StoredEntry expected, StoredEntry actual) {
    assertNotNull(actual, "the entry should be there");
    assertArrayEquals(expected.key(), actual.key(), "key bytes");
    assertArrayEquals(expected.value(), actual.value(), "value bytes");
    assertEquals(expected.codec(), actual.codec(), "codec");
    assertEquals(expected.deadline(), actual.deadline(), "deadline");
  }
}
