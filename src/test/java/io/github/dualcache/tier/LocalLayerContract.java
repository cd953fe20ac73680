package io.github.dualcache.tier;

import static io.github.dualcache.testing.StoredEntries.assertSameEntry;
import static io.github.dualcache.testing.StoredEntries.key;
import static io.github.dualcache.testing.StoredEntries.nearlyTheLongOddKey;
import static io.github.dualcache.testing.StoredEntries.oddKeys;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link LocalLayer} must do (its Javadoc and DESIGN.md, "Layers"): a copy is served
 * exactly as it was stored, for its generation and key only, until its local deadline and no
 * longer, and never after its invalidation; odd input never makes it throw. A subclass runs these
 * tests against one implementation by saying how to make a fresh, empty layer.
 *
 * <p>Times are the real clock's (a memcached local layer compares deadlines with it), but every
 * deadline check passes an explicit {@code nowMillis}, so tests wait only a few milliseconds, one 120 ms.
 */
public abstract class LocalLayerContract {
  /** The local TTL the layer is made for: how long an invalidation's effect must last. */
  protected static final Duration LOCAL_TTL = Duration.ofSeconds(1);
  private static final String GENERATION = "gen-1";
  private static final byte CODEC = 3;

  protected LocalLayer layer;
  private long now;

  /** A new layer holding no copies, with local TTL {@link #LOCAL_TTL}. */
  protected abstract LocalLayer newLayer();

  /**
   * Whether several JVMs share this layer's copies (a local memcached). Such a layer must itself
   * refuse a fill read before an invalidation; a layer private to one JVM may leave that to the
   * invalidation stamps of {@link TieredStore}, which see every write of the JVM.
   */
  protected abstract boolean sharedAcrossJvms();

  @BeforeEach
  void openLayer() {
    layer = newLayer();
    now = System.currentTimeMillis();
  }

  @AfterEach
  void closeLayer() {
    layer.close();
  }

  protected static StoredEntry entry(byte[] key, byte[] value) {
    return new StoredEntry(key, value, CODEC, StoredEntry.ETERNAL);
  }

  private void fill(byte[] key, StoredEntry entry) {
    layer.put(GENERATION, key, entry, now, now + LOCAL_TTL.toMillis());
  }

  private StoredEntry read(byte[] key) {
    return layer.get(GENERATION, key, now);
  }

  @Test
  void aKeyNeverFilledIsAMiss() {
    assertNull(read(key("never-filled")));
  }

  @Test
  void aCopyIsServedAsItWasStored() {
    byte[] key = key("k");
    StoredEntry entry = new StoredEntry(key, key("value"), CODEC, now + 60_000);
    fill(key, entry);
    assertSameEntry(entry, read(key));
    assertSameEntry(entry, read(key)); // and again: a hit does not consume the copy
  }

  @Test
  void everyByteValueAndAnEmptyValueComeBackUnchanged() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    StoredEntry binary = entry(key("binary"), all);
    StoredEntry empty = entry(key("empty"), new byte[0]);
    fill(binary.key(), binary);
    fill(empty.key(), empty);
    assertSameEntry(binary, read(binary.key()));
    assertSameEntry(empty, read(empty.key()));
  }

  /** Keys are serialized JCache keys: any bytes at all, spaces, line breaks and long ones included. */
  @Test
  void keysOfAnyBytesAndLengthAreKeptApart() {
    for (byte[] key : oddKeys()) {
      fill(key, entry(key, key));
    }
    for (byte[] key : oddKeys()) {
      assertSameEntry(entry(key, key), read(key));
    }
    assertNull(read(nearlyTheLongOddKey()), "a key differing in its last byte is another key");
  }

  @Test
  void aCopyIsServedForItsOwnKeyOnly() {
    StoredEntry a = entry(key("a"), key("value of a"));
    fill(a.key(), a);
    assertNull(read(key("b")));
    assertNull(read(key("a ")));
  }

  @Test
  void aCopyIsServedUntilItsLocalDeadlineAndNoLonger() {
    byte[] key = key("k");
    StoredEntry entry = entry(key, key("v"));
    long localUntil = now + 500;
    layer.put(GENERATION, key, entry, now, localUntil);
    assertSameEntry(entry, layer.get(GENERATION, key, localUntil - 1));
    assertNull(layer.get(GENERATION, key, localUntil));
    assertNull(layer.get(GENERATION, key, localUntil + 60_000));
  }

  /** The same on the real clock: a reader passing the current time never gets a copy past its deadline. */
  @Test
  void aShortLivedCopyIsGoneOnceItsDeadlineHasPassed() throws InterruptedException {
    byte[] key = key("short");
    long localUntil = System.currentTimeMillis() + 100;
    layer.put(GENERATION, key, entry(key, key("v")), System.currentTimeMillis(), localUntil);
    Thread.sleep(Math.max(0, localUntil - System.currentTimeMillis()) + 20);
    assertNull(layer.get(GENERATION, key, System.currentTimeMillis()));
  }

  /** The local deadline is the copy's own; the entry's expiry deadline is the reader's to check. */
  @Test
  void theEntrysOwnDeadlineIsKeptAndNotEnforcedHere() {
    byte[] key = key("expired");
    StoredEntry expired = new StoredEntry(key, key("v"), CODEC, now - 1_000);
    fill(key, expired);
    assertSameEntry(expired, read(key));
  }

  @Test
  void aCopyOfAnotherGenerationIsAMiss() {
    byte[] key = key("k");
    layer.put("old", key, entry(key, key("v")), now, now + LOCAL_TTL.toMillis());
    assertNull(layer.get("new", key, now));
    assertNotNull(layer.get("old", key, now), "the copy is still there for its own generation");
  }

  @Test
  void invalidationDropsTheCopy() {
    byte[] key = key("k");
    fill(key, entry(key, key("v")));
    layer.invalidate(GENERATION, key);
    assertNull(read(key));
  }

  @Test
  void invalidationDropsThatKeyOnly() {
    StoredEntry a = entry(key("a"), key("va"));
    StoredEntry b = entry(key("b"), key("vb"));
    fill(a.key(), a);
    fill(b.key(), b);
    layer.invalidate(GENERATION, a.key());
    assertNull(read(a.key()));
    assertSameEntry(b, read(b.key()));
  }

  @Test
  void invalidatingAKeyWithNoCopyIsHarmless() {
    assertDoesNotThrow(() -> layer.invalidate(GENERATION, key("nothing")));
    assertNull(read(key("nothing")));
  }

  /** A fill whose global read started after the invalidation carries the newer value: it is served. */
  @Test
  void aFillReadAfterAnInvalidationIsServed() throws InterruptedException {
    byte[] key = key("k");
    fill(key, entry(key, key("v1")));
    layer.invalidate(GENERATION, key);
    Thread.sleep(2); // the next global read starts strictly after the invalidation, on a millisecond clock
    long readAt = System.currentTimeMillis();
    StoredEntry v2 = entry(key, key("v2"));
    layer.put(GENERATION, key, v2, readAt, readAt + LOCAL_TTL.toMillis());
    assertSameEntry(v2, layer.get(GENERATION, key, readAt));
  }

  /**
   * {@link LocalLayer#put}: "a copy read before an invalidation must not outlive it". Another JVM
   * on the box read v1 before this JVM's write and fills it after this JVM's invalidation.
   */
  @Test
  void aFillReadBeforeAnInvalidationIsNotServedWhenJvmsShareTheLayer() throws InterruptedException {
    assumeTrue(sharedAcrossJvms(), "a layer of one JVM leaves this to TieredStore's invalidation stamps");
    byte[] key = key("k");
    long readAt = System.currentTimeMillis();
    Thread.sleep(2);
    layer.invalidate(GENERATION, key);
    layer.put(GENERATION, key, entry(key, key("v1 read before the write")), readAt, readAt + LOCAL_TTL.toMillis());
    assertNull(layer.get(GENERATION, key, System.currentTimeMillis()), "a fill read before the invalidation was served");
  }

  /**
   * Larger than any memcached item (1 MB by default): the layer may keep it or skip it, but never
   * throws, and whatever it serves is exactly what was stored.
   */
  @Test
  void anOversizedCopyIsKeptWholeOrNotAtAllAndNeverThrows() {
    byte[] key = key("big");
    byte[] value = new byte[2 * 1024 * 1024];
    Arrays.fill(value, (byte) 7);
    StoredEntry big = entry(key, value);
    assertDoesNotThrow(() -> fill(key, big));
    StoredEntry served = assertDoesNotThrow(() -> read(key));
    if (served != null) {
      assertSameEntry(big, served);
    }
    StoredEntry small = entry(key("small"), key("still works"));
    fill(small.key(), small);
    assertSameEntry(small, read(small.key()));
  }
}
