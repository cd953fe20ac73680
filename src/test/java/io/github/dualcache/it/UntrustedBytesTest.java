package io.github.dualcache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dualcache.testing.Boxes;
import io.github.dualcache.testing.MemcachedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Anyone who reaches memcached can write any bytes: reading truncated, random or hostile bytes is a
 * miss or a CacheException, never another exception, never a hang, never code execution.
 */
class UntrustedBytesTest {

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  @ParameterizedTest(name = "dualcache.codec={0}")
  @ValueSource(strings = {"java", "raw"})
  void truncatedAndRandomBytesAreMissesForStringValues(String codec) {
    Cache<String, String> cache = BOXES.manager("dualcache.codec", codec)
        .createCache("strings-" + codec,
            new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    plantBadBytes(cache, "k", "first value", "second value", "good");
  }

  @Test
  void truncatedAndRandomBytesAreMissesForSerializedValues() {
    Cache<Object, Object> cache =
        BOXES.manager().createCache("objects", new MutableConfiguration<>());
    plantBadBytes(cache, "k", new ArrayList<>(List.of("first")),
        new ArrayList<>(List.of("second")), new ArrayList<>(List.of("good")));
  }

  private static <K, V> void plantBadBytes(Cache<K, V> cache, K key, V first, V second, V good) {
    String stored = memcachedKeyOf(cache, key, first, second);
    byte[] original = BOXES.global().rawGet(stored);

    List<byte[]> planted = new ArrayList<>();
    for (int length : new int[] {0, 1, original.length / 2, original.length - 1}) {
      planted.add(Arrays.copyOf(original, length));
    }
    Random random = new Random(42);
    for (int length : new int[] {1, 7, 64, 1000, 100_000}) {
      byte[] garbage = new byte[length];
      random.nextBytes(garbage);
      planted.add(garbage);
    }

    for (byte[] bytes : planted) {
      BOXES.global().rawSet(stored, bytes, 0);
      String what = bytes.length + " planted bytes (original " + original.length + ")";
      assertMissOrCacheException(what + ", get", () -> cache.get(key));
      assertMissOrCacheException(what + ", getAll", () -> nullIfEmpty(cache.getAll(Set.of(key))));
    }

    cache.put(key, good);
    assertEquals(good, cache.get(key), "the cache must work after reading bad bytes");
  }

  /**
   * A class this JVM never wrote, planted by someone else in a well-formed envelope, is never
   * deserialized under the default trust model; the same bytes are read by a cache whose
   * allow-list names the class (so the planted entry itself is valid and the test proves something).
   */
  @Test
  void aClassPlantedBySomeoneElseIsNeverDeserialized() {
    MutableConfiguration<String, Object> config = new MutableConfiguration<>();
    Cache<String, Object> strict = BOXES.manager().createCache("evil", config);
    String stored = memcachedKeyOf(strict, "k", "one", "two");
    BOXES.global().rawSet(stored, Attacker.envelope("k", new Evil("planted")), 0);
    Evil.deserialized = false;

    assertMissOrCacheException("Evil through the default trust model", () -> strict.get("k"));
    assertFalse(Evil.deserialized, "Evil.readObject/readResolve ran: the filter let it through");
    assertMissOrCacheException("Evil through getAll", () -> nullIfEmpty(strict.getAll(Set.of("k"))));
    assertFalse(Evil.deserialized, "Evil.readObject/readResolve ran: the filter let it through");

    Cache<String, Object> allowing = BOXES.manager("dualcache.codec.allow", "io.github.dualcache.it.**")
        .createCache("evil", config);
    Object control = allowing.get("k");
    assertTrue(control instanceof Evil && ((Evil) control).payload.equals("planted"),
        "with the allow-list, the planted Evil must be read (else this test proves nothing): " + control);
  }

  /**
   * The memcached key under which {@code cache} stores {@code key}: the one whose bytes change
   * when the value does (so a generation or index key is never picked).
   */
  private static <K, V> String memcachedKeyOf(Cache<K, V> cache, K key, V first, V second) {
    MemcachedServer server = BOXES.global();
    cache.put(key, first);
    Map<String, byte[]> before = new HashMap<>();
    for (String k : server.keys()) {
      before.put(k, server.rawGet(k));
    }
    cache.put(key, second);
    List<String> changed = new ArrayList<>();
    for (String k : server.keys()) {
      byte[] now = server.rawGet(k);
      if (now != null && !Arrays.equals(now, before.get(k))) {
        changed.add(k);
      }
    }
    assertEquals(1, changed.size(), "expected exactly one memcached key to change: " + changed);
    return changed.get(0);
  }

  private static Map<?, ?> nullIfEmpty(Map<?, ?> map) {
    return map.isEmpty() ? null : map;
  }

  private static void assertMissOrCacheException(String what, Supplier<Object> read) {
    Object value = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
      try {
        return read.get();
      } catch (CacheException rejected) {
        return null;
      } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
        return fail(what + ": expected a miss or CacheException, got " + e, e);
      }
    }, what + ": the read hung");
    assertNull(value, what + ": expected a miss or CacheException, got a value: " + value);
  }
}
