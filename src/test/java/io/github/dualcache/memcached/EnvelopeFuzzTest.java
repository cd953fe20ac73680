package io.github.dualcache.memcached;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.dualcache.tier.StoredEntry;

/**
 * Envelope.decode on any bytes: an entry or null (unreadable), never an exception; and an entry it
 * accepts is exactly the envelope it would have written itself.
 */
class EnvelopeFuzzTest {
  @FuzzTest(maxDuration = "10m")
  void decode(byte[] bytes) {
    StoredEntry entry = Envelope.decode(bytes);
    if (entry != null) {
      assertArrayEquals(bytes, Envelope.encode(entry));
    }
  }
}
