package io.github.dualcache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dualcache.testing.Boxes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheWriter;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An {@code invoke} whose compare-and-set loses and whose processor then decides differently
 * must leave the store behind the CacheWriter holding what the cache holds. The retries are
 * forced: on its first two runs the processor writes the key through a second box before
 * returning, so this box's compare-and-set loses.
 */
class EntryProcessorWriteThroughRetryTest {

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  /** The store of record both boxes write through to, and what this box's writer was told. */
  static final class ExternalStore {
    final Map<String, String> rows = new HashMap<>();
    final List<String> toldByInvokingBox = new ArrayList<>();

    synchronized void write(String key, String value, boolean fromInvokingBox) {
      rows.put(key, value);
      if (fromInvokingBox) {
        toldByInvokingBox.add("write " + value);
      }
    }

    synchronized void delete(String key, boolean fromInvokingBox) {
      rows.remove(key);
      if (fromInvokingBox) {
        toldByInvokingBox.add("delete");
      }
    }
  }

  static final class StoreWriter implements CacheWriter<String, String> {
    private final ExternalStore store;
    private final boolean invokingBox;

    StoreWriter(ExternalStore store, boolean invokingBox) {
      this.store = store;
      this.invokingBox = invokingBox;
    }

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      store.write(entry.getKey(), entry.getValue(), invokingBox);
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      entries.forEach(this::write);
    }

    @Override
    public void delete(Object key) {
      store.delete((String) key, invokingBox);
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      keys.forEach(this::delete);
    }
  }

  /**
   * Run 1 sets "mine" and run 2 removes, each after the other box overwrote the key (so the
   * compare-and-set loses); run 3 sets "mine" again and commits.
   */
  static final class SetRemoveSet implements EntryProcessor<String, String, Void> {
    private final Cache<String, String> otherBox;
    private int runs;

    SetRemoveSet(Cache<String, String> otherBox) {
      this.otherBox = otherBox;
    }

    @Override
    public Void process(MutableEntry<String, String> entry, Object... arguments) {
      runs++;
      switch (runs) {
        case 1 -> {
          otherBox.put(entry.getKey(), "theirs-1");
          entry.setValue("mine");
        }
        case 2 -> {
          otherBox.put(entry.getKey(), "theirs-2");
          entry.remove();
        }
        default -> entry.setValue("mine");
      }
      return null;
    }
  }

  private static MutableConfiguration<String, String> writingThrough(ExternalStore store, boolean invokingBox) {
    StoreWriter writer = new StoreWriter(store, invokingBox);
    Factory<CacheWriter<? super String, ? super String>> factory = () -> writer;
    return new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .setWriteThrough(true)
        .setCacheWriterFactory(factory);
  }

  @Test
  void retriesThatChangeTheOutcomeLeaveTheExternalStoreAsTheCache() {
    ExternalStore store = new ExternalStore();
    Cache<String, String> invoking = BOXES.manager()
        .createCache("write-through-retry", writingThrough(store, true));
    Cache<String, String> other = BOXES.manager()
        .createCache("write-through-retry", writingThrough(store, false));
    invoking.put("k", "before");

    SetRemoveSet processor = new SetRemoveSet(other);
    invoking.invoke("k", processor);

    assertEquals(3, processor.runs, "two lost compare-and-sets, then a commit");
    assertEquals("mine", invoking.get("k"));
    assertEquals("mine", other.get("k"));
    assertEquals("mine", store.rows.get("k"), "the external store must hold what the cache holds");
    assertEquals(List.of("write before", "write mine", "delete", "write mine"), store.toldByInvokingBox,
        "the writer hears each change of outcome once");
  }
}
