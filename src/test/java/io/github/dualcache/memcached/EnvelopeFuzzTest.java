package io.github.dualcache.memcached;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.dualcache.tier.StoredEntry;
import org.junit.jupiter.api.Timeout;

/**
 * Envelope.decode on any bytes: an entry or null (unreadable), never an exception; and an entry it
 * accepts is exactly the envelope it would have written itself.
 */
class EnvelopeFuzzTest {
  // one input longer than 5 s is a finding (Jazzer passes it to libFuzzer as -timeout)
  @Timeout(5)
  @FuzzTest(maxDuration = "10m")
  void decode(byte[] bytes) {
    StoredEntry entry = Envelope.decode(bytes);
    if (entry != null) {
      assertArrayEquals(bytes, Envelope.encode(entry));
    }
  }
}
