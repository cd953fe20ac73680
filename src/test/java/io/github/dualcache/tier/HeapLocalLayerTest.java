package io.github.dualcache.tier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.testing.TaggedInteger;
import java.math.BigInteger;
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

  @Test
  void aCopyFilledWithItsKeyObjectIsFoundByItUnderTheSameRules() {
    HeapLocalLayer layer = new HeapLocalLayer(10);
    layer.put("g", key(1), "k1", entry(1), NOW + 1_000);
    assertNotNull(layer.getByKey("g", new String("k1"), NOW + 999), "found by an equal key object");
    assertNull(layer.getByKey("g", "k1", NOW + 1_000), "past its local deadline");
    assertNull(layer.getByKey("new", "k1", NOW), "another generation");
    assertNull(layer.getByKey("g", "k2", NOW));
  }

  @Test
  void anEqualKeyObjectOfAnotherClassDoesNotFindTheCopy() {
    HeapLocalLayer layer = new HeapLocalLayer(10);
    layer.put("g", key(1), BigInteger.ONE, entry(1), NOW + 1_000);
    assertNotNull(layer.getByKey("g", new BigInteger("1"), NOW));
    TaggedInteger subclass = new TaggedInteger("1");
    assertEquals(subclass, BigInteger.ONE, "equal by BigInteger's own equals");
    assertNull(layer.getByKey("g", subclass, NOW), "found the copy of another key's bytes");
  }

  @Test
  void invalidatingTheBytesAlsoDropsTheCopyFoundByKeyObject() {
    HeapLocalLayer layer = new HeapLocalLayer(10);
    layer.put("g", key(1), "k1", entry(1), NOW + 1_000);
    layer.invalidate("g", key(1));
    assertNull(layer.getByKey("g", "k1", NOW));
  }

  @Test
  void aNewerCopyReplacesTheOneFoundByKeyObject() {
    HeapLocalLayer layer = new HeapLocalLayer(10);
    layer.put("g", key(1), "k1", entry(1), NOW + 1_000);
    layer.put("g", key(1), "k1", entry(2), NOW + 1_000);
    assertEquals(2, layer.getByKey("g", "k1", NOW).value()[0]);
    layer.put("g", key(1), entry(3), NOW, NOW + 1_000);
    assertNull(layer.getByKey("g", "k1", NOW), "replaced by a copy filled without its key object");
    assertEquals(3, layer.get("g", key(1), NOW).value()[0]);
  }

  @Test
  void anEvictedCopyIsNotFoundByKeyObjectEither() {
    HeapLocalLayer layer = new HeapLocalLayer(10);
    for (int i = 0; i < 100; i++) {
      layer.put("g", key(i), "k" + i, entry(i), NOW + 1_000);
    }
    int found = 0;
    for (int i = 0; i < 100; i++) {
      if (layer.getByKey("g", "k" + i, NOW) != null) {
        found++;
        assertNotNull(layer.get("g", key(i), NOW), "k" + i + " found by key object but not by its bytes");
      }
    }
    assertEquals(layer.size(), found);
  }
}
