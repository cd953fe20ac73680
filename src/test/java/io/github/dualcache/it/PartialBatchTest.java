package io.github.dualcache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.cache.IncompleteBatchException;
import io.github.dualcache.testing.Boxes;
import io.github.dualcache.testing.MemcachedServer;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * putAll and removeAll that fail for some keys say exactly which: the keys of a server that is
 * down, or a value too large, are in {@code failedKeys()}, every other key was still done and is
 * in {@code completedKeys()}; nothing is reported as lost that was done, nor as done that was lost.
 */
class PartialBatchTest {
  @RegisterExtension final Boxes boxes = Boxes.withGlobalServers(2, "-I", "1m");
  private MemcachedServer second;

  @BeforeEach
  void nameTheSecondServer() {
    second = boxes.globals().get(1);
  }

  private Cache<String, String> cache() {
    return boxes.manager()
        .createCache("batch", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
  }

  private static Map<String, String> entries(int count, String value) {
    Map<String, String> entries = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      entries.put("key-" + i, value + i);
    }
    return entries;
  }

  @Test
  void putAllWithOneServerDownNamesTheKeysItCouldNotStore() {
    Cache<String, String> cache = cache();
    cache.put("warm", "up"); // the generation token is known before a server goes
    second.close();
    Map<String, String> entries = entries(40, "v");

    IncompleteBatchException partial = assertThrows(IncompleteBatchException.class, () -> cache.putAll(entries));

    assertFalse(partial.failedKeys().isEmpty(), "some keys live on the dead server");
    assertFalse(partial.completedKeys().isEmpty(), "some keys live on the healthy one");
    Set<Object> all = new HashSet<>(partial.completedKeys());
    all.addAll(partial.failedKeys());
    assertEquals(entries.keySet(), all);
    for (Object key : partial.completedKeys()) {
      assertEquals(entries.get(key), cache.get((String) key), "reported stored: " + key);
    }
    assertTrue(partial.getMessage().contains("completed " + partial.completedKeys().size() + " of 40"),
        partial.getMessage());
  }

  @Test
  void anOversizedValueFailsOnlyItsOwnKey() {
    Cache<String, String> cache = cache();
    Map<String, String> entries = entries(5, "v");
    entries.put("big", "x".repeat(2 * 1024 * 1024));

    IncompleteBatchException partial = assertThrows(IncompleteBatchException.class, () -> cache.putAll(entries));

    assertEquals(Set.of("big"), partial.failedKeys());
    assertTrue(partial.getMessage().contains("too large"), partial.getMessage());
    for (int i = 0; i < 5; i++) {
      assertEquals("v" + i, cache.get("key-" + i));
    }
    assertEquals(null, cache.get("big"));
  }

  @Test
  void removeAllWithOneServerDownNamesTheKeysItCouldNotRemove() {
    Cache<String, String> cache = cache();
    Map<String, String> entries = entries(40, "v");
    cache.putAll(entries);
    second.close();

    IncompleteBatchException partial =
        assertThrows(IncompleteBatchException.class, () -> cache.removeAll(entries.keySet()));

    assertFalse(partial.failedKeys().isEmpty());
    for (Object key : partial.completedKeys()) {
      assertEquals(null, cache.get((String) key), "reported removed: " + key);
    }
  }
}
