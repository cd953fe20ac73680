package io.github.dualcache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.dualcache.codec.HostileStreams;
import io.github.dualcache.testing.Boxes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The decoder's denial-of-service payloads planted in memcached as well-formed envelopes, read
 * through every path that decodes: get, getAll, the iterator and removeAll. Each is a miss (or is
 * skipped) in bounded time, with JDK-only classes that the trust model admits, so only the decoder
 * limits stand between them and the reader. Without the hash-work limit the set bomb spins for
 * hours; without the array limits each read of the two others allocates 64-128 MB.
 */
class HostilePayloadsTest {

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  @Test
  void everyReadPathTurnsThePayloadsIntoMissesQuickly() {
    Cache<String, Object> cache = BOXES.manager().createCache("hostile", new MutableConfiguration<>());
    Map<String, byte[]> payloads = Map.of(
        "set-bomb", HostileStreams.setBomb(30),
        "long-array", HostileStreams.longArrayDeclaring(16 * 1024 * 1024),
        "array-list", HostileStreams.arrayListDeclaring(16 * 1024 * 1024));
    cache.put("good", "value");
    for (String key : payloads.keySet()) {
      cache.put(key, "placeholder");
    }
    for (String itemKey : BOXES.global().keys()) {
      for (Map.Entry<String, byte[]> payload : payloads.entrySet()) {
        byte[] item = BOXES.global().rawGet(itemKey);
        if (item != null && contains(item, Attacker.serialized(payload.getKey()))) {
          BOXES.global().rawSet(itemKey, Attacker.envelope(payload.getKey(), payload.getValue()), 0);
        }
      }
    }

    assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      for (String key : payloads.keySet()) {
        assertNull(cache.get(key), key);
      }
      assertEquals(Set.of("good"), cache.getAll(Set.of("good", "set-bomb", "long-array", "array-list")).keySet());
      List<String> iterated = new ArrayList<>();
      cache.forEach(entry -> iterated.add(entry.getKey()));
      assertEquals(List.of("good"), iterated);
      cache.removeAll();
      assertNull(cache.get("good"));
    });
  }

  private static boolean contains(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
