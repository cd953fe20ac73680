package io.github.dualcache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.testing.Boxes;
import java.util.List;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Any JCache key works, however long or strange, and never reaches memcached as raw text: memcached
 * keys are at most 250 bytes of printable ASCII.
 */
class KeyEncodingTest {

  private static final List<String> KEYS = List.of(
      "a".repeat(10_000),
      "a".repeat(9_999) + "b", // same long prefix: a truncating key scheme would collide
      "a".repeat(250),
      "with space",
      "with  space",
      "cr\rlf\n",
      "crlf\r\n",
      "ctrl\u0000\u0001\u0007\u001b\u007f",
      "tab\tkey",
      "ключ 键 🔑",
      "key",
      "KEY",
      "",
      "%20",
      " ");

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  @Test
  void unusualKeysRoundTripAndStayDistinct() {
    Cache<String, String> cache = BOXES.manager().createCache("keys",
        new MutableConfiguration<String, String>().setTypes(String.class, String.class));

    for (int i = 0; i < KEYS.size(); i++) {
      cache.put(KEYS.get(i), "value-" + i);
    }
    for (int i = 0; i < KEYS.size(); i++) {
      assertEquals("value-" + i, cache.get(KEYS.get(i)), describe(i));
      assertTrue(cache.containsKey(KEYS.get(i)), describe(i));
    }

    for (String stored : BOXES.global().keys()) {
      assertTrue(stored.length() <= 250, "memcached key longer than 250 bytes: " + stored);
      for (char c : stored.toCharArray()) {
        assertTrue(c > 0x20 && c < 0x7f,
            "memcached key with a byte that is not printable ASCII (" + (int) c + "): " + stored);
      }
    }

    for (int removed = 0; removed < KEYS.size(); removed++) {
      assertTrue(cache.remove(KEYS.get(removed)), describe(removed));
      assertNull(cache.get(KEYS.get(removed)), describe(removed));
      assertFalse(cache.containsKey(KEYS.get(removed)), describe(removed));
      for (int kept = removed + 1; kept < KEYS.size(); kept++) {
        assertEquals("value-" + kept, cache.get(KEYS.get(kept)),
            "removing " + describe(removed) + " affected " + describe(kept));
      }
    }
  }

  private static String describe(int i) {
    String key = KEYS.get(i);
    String shown = key.length() > 20 ? key.substring(0, 20) + "...(" + key.length() + " chars)" : key;
    return "key #" + i + " " + shown.codePoints()
        .mapToObj(c -> c < 0x20 || c == 0x7f ? String.format("\\u%04x", c) : Character.toString(c))
        .reduce("\"", String::concat) + "\"";
  }
}
