package io.github.dualcache.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The heap local layer: the {@link LocalLayerContract}, and its own bound on how many copies it holds. */
class HeapLocalLayerTest extends LocalLayerContract {
  private static final long NOW = 1_000_000L;

  @Override
  protected LocalLayer newLayer() {
    return new HeapLocalLayer(100);
  }

  @Override
  protected boolean sharedAcrossJvms() {
    return false;
  }

  private static byte[] key(int i) {
    return ByteBuffer.allocate(4).putInt(i).array();
  }

  private static StoredEntry entry(int i) {
    return new StoredEntry(key(i), new byte[] {(byte) i}, (byte) 1, StoredEntry.ETERNAL);
  }

  @Test
  void neverHoldsMoreThanMaxEntries() {
    HeapLocalLayer heap = new HeapLocalLayer(100);
    for (int i = 0; i < 1_000; i++) {
      heap.put("g", key(i), entry(i), NOW, NOW + 1_000);
      assertTrue(heap.size() <= 100, "holds " + heap.size());
    }
    assertEquals(100, heap.size());
  }

  @Test
  void invalidationFreesTheCopysPlace() {
    HeapLocalLayer heap = new HeapLocalLayer(10);
    heap.put("g", key(1), entry(1), NOW, NOW + 1_000);
    heap.invalidate("g", key(1));
    assertEquals(0, heap.size());
  }

  /** Where a reader keeps the value it decoded: one slot per copy, the same on every hit. */
  @Test
  void everyHitOfACopyHandsOutTheSameDecodedSlot() {
    layer.put("g", key(1), entry(1), NOW, NOW + 1_000);
    StoredEntry.Decoded slot = layer.get("g", key(1), NOW).decoded();
    assertNotNull(slot);
    assertSame(slot, layer.get("g", key(1), NOW).decoded());
  }
}
