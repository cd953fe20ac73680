package io.github.dualcache.memcached;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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

  /** Every JVM on a box must name a copy alike, so the digest must never depend on what came before. */
  @Test
  void theDigestIsTheKeysSha256WhateverWasDigestedBeforeAndInWhicheverThread() throws Exception {
    Random random = new Random(3);
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      byte[] key = new byte[random.nextInt(300)];
      random.nextBytes(key);
      keys.add(key);
    }
    assertEquals("ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0", KeyMapper.digest("abc".getBytes(StandardCharsets.US_ASCII)));
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(threads.submit(() -> {
          for (int round = 0; round < 20; round++) {
            for (byte[] key : keys) {
              String expected = Base64.getUrlEncoder().withoutPadding()
                  .encodeToString(MessageDigest.getInstance("SHA-256").digest(key));
              assertEquals(expected, KeyMapper.digest(key));
            }
          }
          return null;
        }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    } finally {
      threads.shutdownNow();
    }
  }
}
