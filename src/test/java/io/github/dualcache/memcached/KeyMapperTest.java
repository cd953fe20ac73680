package io.github.dualcache.memcached;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyMapperTest {

  private static void assertLegal(String key) {
    assertTrue(key.length() <= 250, key);
    assertTrue(key.chars().allMatch(c -> c > 32 && c < 127), key);
  }

  @Test
  void anyCacheNameAndKeyGiveALegalMemcachedKey() {
    String longNamespace = "n".repeat(64);
    for (String cacheName : new String[] {"plain", "with space\r\n", "ключ 键 🔑", "x".repeat(10_000)}) {
      KeyMapper keys = new KeyMapper(longNamespace, cacheName);
      assertLegal(keys.generationKey());
      assertLegal(keys.entryKey("0123456789abcdef", ("k".repeat(10_000) + "\u0000").getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void distinctCachesAndGenerationsNeverShareKeys() {
    byte[] key = {1, 2, 3};
    KeyMapper a = new KeyMapper("ns", "a");
    KeyMapper b = new KeyMapper("ns", "b");
    assertNotEquals(a.entryKey("g1", key), b.entryKey("g1", key));
    assertNotEquals(a.entryKey("g1", key), a.entryKey("g2", key));
    assertNotEquals(a.generationKey(), b.generationKey());
    assertTrue(a.entryKey("g1", key).startsWith(a.entryPrefix("g1")));
  }
}
