package io.github.dualcache.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.testing.Boxes;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A value over the server's item size fails with a clear message, writes nothing, keeps the old
 * value and does not disturb the connection (spymemcached reconnects after a text-protocol
 * "object too large", failing every call for about 2 s, unless the size is checked before sending).
 */
class OversizedValueTest {

  private static final int ITEM_SIZE_MAX = 1024 * 1024;
  private static final int VALUE_SIZE = 2 * 1024 * 1024;
  /** Room for whatever the envelope adds (header, serialized key) or the server's item header. */
  private static final int SLACK = 64 * 1024;

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1, "-I", "1m");

  @Test
  void tooLargeValueFailsClearlyAndChangesNothing() {
    Cache<String, byte[]> cache = BOXES.manager().createCache("blobs",
        new MutableConfiguration<String, byte[]>().setTypes(String.class, byte[].class));
    byte[] previous = {1, 2, 3};
    cache.put("blob", previous);

    RuntimeException e = assertThrows(RuntimeException.class,
        () -> cache.put("blob", new byte[VALUE_SIZE]));
    assertTrue(e instanceof IllegalArgumentException || e instanceof CacheException,
        "expected IllegalArgumentException or CacheException, got " + e);
    String message = String.valueOf(e.getMessage());
    assertTrue(containsNumberBetween(message, VALUE_SIZE, VALUE_SIZE + SLACK),
        "message should name the value size (" + VALUE_SIZE + "): " + message);
    assertTrue(containsNumberBetween(message, ITEM_SIZE_MAX - SLACK, ITEM_SIZE_MAX),
        "message should name the item size limit (" + ITEM_SIZE_MAX + "): " + message);

    assertArrayEquals(previous, cache.get("blob"), "the previous value must be intact");

    // Right away, no retry: the failed put must not have broken the connection.
    byte[] small = {4, 5, 6};
    cache.put("small", small);
    assertArrayEquals(small, cache.get("small"));
  }

  private static boolean containsNumberBetween(String text, long min, long max) {
    Matcher number = Pattern.compile("\\d[\\d,_]*").matcher(text);
    while (number.find()) {
      String digits = number.group().replaceAll("[,_]", "");
      if (digits.length() < 12) {
        long n = Long.parseLong(digits);
        if (n >= min && n <= max) {
          return true;
        }
      }
    }
    return false;
  }
}
