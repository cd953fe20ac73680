package io.github.dualcache.tier;

import static io.github.dualcache.testing.StoredEntries.assertSameEntry;
import static io.github.dualcache.testing.StoredEntries.key;
import static io.github.dualcache.testing.StoredEntries.nearlyTheLongOddKey;
import static io.github.dualcache.testing.StoredEntries.oddKeys;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What every {@link GlobalLayer} must do (its Javadoc and DESIGN.md, "JCache on memcached"): it
 * gives back exactly the bytes written; its compare-and-set wins only on the item it read, and a
 * writer that lost a race (to a write, an add or a remove) never reports success nor writes over
 * it; {@code clear()} empties the cache at once here and within the local TTL for every other
 * client; a batch read answers for every key; writes over the size limit fail and change nothing.
 * A subclass runs these tests against one implementation and topology.
 */
public abstract class GlobalLayerContract {
  /** How long a client may use its copy of the cache's generation: the local TTL. */
  protected static final Duration GENERATION_TTL = Duration.ofMillis(200);
  private static final byte CODEC = 4;

  protected GlobalLayer layer;
  private String cacheName;

  /**
   * A new client of cache {@code cacheName}, with its own connections, as another JVM would have
   * (all of a test's clients see the same servers), using its generation for at most
   * {@link #GENERATION_TTL}. The subclass closes them after the test.
   */
  protected abstract GlobalLayer newClient(String cacheName);

  @BeforeEach
  void openLayer() {
    cacheName = "contract-" + UUID.randomUUID().toString().substring(0, 8);
    layer = newClient(cacheName);
  }

  private static StoredEntry entry(byte[] key, String value) {
    return new StoredEntry(key, value.getBytes(StandardCharsets.UTF_8), CODEC, StoredEntry.ETERNAL);
  }

  private static String valueOf(Versioned read) {
    return read.isPresent() ? new String(read.entry().value(), StandardCharsets.UTF_8) : null;
  }

  @Test
  void aKeyNeverWrittenIsAbsentAndUnoccupied() {
    Versioned read = layer.read(key("never"));
    assertFalse(read.isPresent());
    assertFalse(read.occupied(), "nothing is stored there, so a conditional write must add");
  }

  @Test
  void aWrittenEntryIsReadBackAsWrittenWithAVersion() {
    byte[] key = key("k");
    StoredEntry entry = new StoredEntry(key, key("value"), CODEC, System.currentTimeMillis() + 3_600_000);
    layer.write(entry);
    Versioned read = layer.read(key);
    assertSameEntry(entry, read.entry());
    assertTrue(read.occupied());
    assertNotEquals(Versioned.NO_VERSION, read.version(), "read() gives the version compareAndSet needs");
  }

  @Test
  void everyByteValueAndAnEmptyValueComeBackUnchanged() {
    byte[] all = new byte[256];
    for (int i = 0; i < all.length; i++) {
      all[i] = (byte) i;
    }
    StoredEntry binary = new StoredEntry(key("binary"), all, CODEC, StoredEntry.ETERNAL);
    StoredEntry empty = new StoredEntry(key("empty"), new byte[0], CODEC, StoredEntry.ETERNAL);
    layer.write(binary);
    layer.write(empty);
    assertSameEntry(binary, layer.read(binary.key()).entry());
    assertSameEntry(empty, layer.read(empty.key()).entry());
  }

  /** Keys are serialized JCache keys, never memcached keys: any bytes, any length. */
  @Test
  void keysOfAnyBytesAndLengthAreKeptApart() {
    for (byte[] key : oddKeys()) {
      layer.write(new StoredEntry(key, key, CODEC, StoredEntry.ETERNAL));
    }
    for (byte[] key : oddKeys()) {
      assertSameEntry(new StoredEntry(key, key, CODEC, StoredEntry.ETERNAL), layer.read(key).entry());
    }
    assertFalse(layer.read(nearlyTheLongOddKey()).isPresent(), "a key differing in its last byte is another key");
  }

  @Test
  void aWriteReplacesWhateverWasThere() {
    byte[] key = key("k");
    layer.write(entry(key, "v1"));
    layer.write(entry(key, "v2"));
    assertEquals("v2", valueOf(layer.read(key)));
  }

  /** The expiry deadline is the caller's to check (DESIGN.md: "checked on every read"), not a reason to drop the entry early. */
  @Test
  void anEntryPastItsDeadlineIsStillReadWithThatDeadline() throws InterruptedException {
    byte[] key = key("k");
    StoredEntry shortLived = new StoredEntry(key, key("v"), CODEC, System.currentTimeMillis() + 50);
    layer.write(shortLived);
    Thread.sleep(100);
    Versioned read = layer.read(key);
    assertSameEntry(shortLived, read.entry());
    assertTrue(read.entry().isExpiredAt(System.currentTimeMillis()));
  }

  @Test
  void cachesAreKeptApart() {
    byte[] key = key("k");
    layer.write(entry(key, "mine"));
    GlobalLayer other = newClient(cacheName + "-other");
    assertFalse(other.read(key).isPresent());
    other.write(entry(key, "theirs"));
    assertEquals("mine", valueOf(layer.read(key)));
  }

  @Test
  void anotherClientReadsWhatThisOneWrote() {
    byte[] key = key("k");
    layer.write(entry(key, "shared"));
    assertEquals("shared", valueOf(newClient(cacheName).read(key)));
  }

  // compare-and-set

  @Test
  void addingWhereNothingIsWinsOnce() {
    byte[] key = key("k");
    Versioned absent = layer.read(key);
    assertTrue(layer.compareAndSet(key, absent, entry(key, "first")));
    assertFalse(layer.compareAndSet(key, absent, entry(key, "second")),
        "an add based on the same absent read must lose: someone created the entry since");
    assertEquals("first", valueOf(layer.read(key)));
  }

  @Test
  void replacingWhatWasReadWinsAndAStaleVersionLoses() {
    byte[] key = key("k");
    layer.write(entry(key, "v1"));
    Versioned v1 = layer.read(key);
    assertTrue(layer.compareAndSet(key, v1, entry(key, "v2")));
    assertEquals("v2", valueOf(layer.read(key)));
    assertFalse(layer.compareAndSet(key, v1, entry(key, "v3 from a stale read")));
    assertEquals("v2", valueOf(layer.read(key)));
  }

  @Test
  void removingWhatWasReadWinsAndLeavesTheKeyAbsent() {
    byte[] key = key("k");
    layer.write(entry(key, "v1"));
    assertTrue(layer.compareAndSet(key, layer.read(key), null));
    Versioned read = layer.read(key);
    assertFalse(read.isPresent());
    assertFalse(read.occupied(), "a removed entry leaves nothing to replace: the next conditional write adds");
    assertTrue(layer.compareAndSet(key, read, entry(key, "added after the remove")));
  }

  /**
   * DESIGN.md: "a writer that lost a race never reports success nor writes over a delete". Another
   * client changes the entry between this client's read and its commit: the commit loses, and
   * the other client's change stands (a remove is not undone by re-adding the entry).
   */
  @ParameterizedTest(name = "another client's {0}, then this one's {1}")
  @CsvSource({"write, update", "write, remove", "remove, update", "remove, remove"})
  void aConditionalWriteLosesToAChangeSinceItsReadAndLeavesThatChange(String change, String attempt) {
    byte[] key = key("k");
    layer.write(entry(key, "v1"));
    Versioned read = layer.read(key);
    GlobalLayer other = newClient(cacheName);
    if (change.equals("write")) {
      other.write(entry(key, "written elsewhere"));
    } else {
      assertTrue(other.compareAndSet(key, other.read(key), null));
    }
    StoredEntry next = attempt.equals("update") ? entry(key, "computed from v1") : null;
    assertFalse(layer.compareAndSet(key, read, next), "the " + attempt + " won against a " + change + " since its read");
    assertEquals(change.equals("write") ? "written elsewhere" : null, valueOf(layer.read(key)),
        "the losing " + attempt + " changed what the other client's " + change + " left");
  }

  /** Every conditional operation is linearizable: concurrent read-modify-write loops lose no increment. */
  @Test
  void concurrentIncrementsThroughCompareAndSetAllCount() throws Exception {
    byte[] key = key("counter");
    int clients = 4;
    int increments = 50;
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        GlobalLayer client = newClient(cacheName);
        done.add(pool.submit(() -> {
          for (int i = 0; i < increments; i++) {
            while (true) {
              Versioned read = client.read(key);
              int next = read.isPresent() ? Integer.parseInt(valueOf(read)) + 1 : 1;
              if (client.compareAndSet(key, read, entry(key, Integer.toString(next)))) {
                break;
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(Integer.toString(clients * increments), valueOf(layer.read(key)));
  }

  // batch reads

  @Test
  void aBatchReadAnswersForEveryKeyPresentOrAbsent() {
    Map<String, byte[]> keys = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      keys.put("h" + i, key("k" + i));
      if (i % 3 == 0) {
        layer.write(entry(key("k" + i), "v" + i));
      }
    }
    Map<String, Versioned> read = layer.readAll(keys);
    assertEquals(keys.keySet(), read.keySet());
    for (int i = 0; i < 300; i++) {
      Versioned found = read.get("h" + i);
      if (i % 3 == 0) {
        assertEquals("v" + i, valueOf(found), "key " + i);
        assertArrayEquals(key("k" + i), found.entry().key());
      } else {
        assertFalse(found.isPresent(), "key " + i);
      }
    }
  }

  @Test
  void aBatchReadOfNoKeysIsEmpty() {
    assertTrue(layer.readAll(Map.of()).isEmpty());
  }

  /** GlobalLayer#compareAndSet: "expected must come from read": a batch read's unknown version is refused, not guessed. */
  @Test
  void aCompareAndSetNeverActsOnABatchReadsUnknownVersion() {
    byte[] key = key("k");
    layer.write(entry(key, "v1"));
    Versioned fromBatch = layer.readAll(Map.of("k", key)).get("k");
    assertEquals(Versioned.NO_VERSION, fromBatch.version());
    assertThrows(IllegalArgumentException.class, () -> layer.compareAndSet(key, fromBatch, entry(key, "v2")));
    assertEquals("v1", valueOf(layer.read(key)));
  }

  // scan

  @Test
  void aScanFindsEveryEntryOfTheCacheAndNoOther() {
    Set<String> written = new HashSet<>();
    for (int i = 0; i < 40; i++) {
      layer.write(entry(key("k" + i), "v" + i));
      written.add("k" + i);
    }
    byte[] removed = key("k0");
    assertTrue(layer.compareAndSet(removed, layer.read(removed), null));
    written.remove("k0");
    newClient(cacheName + "-other").write(entry(key("elsewhere"), "x"));
    Set<String> scanned = new HashSet<>();
    for (StoredEntry e : layer.scan()) {
      scanned.add(new String(e.key(), StandardCharsets.UTF_8));
    }
    assertEquals(written, scanned);
  }

  // clear and the generation

  @Test
  void theGenerationIsStableUntilAClearAndSharedByEveryClient() {
    String generation = layer.generation();
    assertNotNull(generation);
    assertEquals(generation, layer.generation());
    assertEquals(generation, newClient(cacheName).generation());
    layer.clear();
    assertNotEquals(generation, layer.generation(), "clear() makes a new generation");
  }

  @Test
  void aClearEmptiesTheCacheAtOnceForThisClientAndLaterWritesStay() {
    for (int i = 0; i < 10; i++) {
      layer.write(entry(key("k" + i), "before"));
    }
    layer.clear();
    for (int i = 0; i < 10; i++) {
      assertFalse(layer.read(key("k" + i)).isPresent(), "k" + i + " survived the clear");
    }
    assertTrue(layer.readAll(Map.of("k1", key("k1"))).values().stream().noneMatch(Versioned::isPresent));
    assertTrue(layer.scan().isEmpty(), "a scan after the clear finds old entries");
    layer.write(entry(key("k1"), "after"));
    assertEquals("after", valueOf(layer.read(key("k1"))));
  }

  @Test
  void aClearByAnotherClientShowsHereWithinTheGenerationTtl() throws InterruptedException {
    byte[] key = key("k");
    layer.write(entry(key, "before"));
    assertEquals("before", valueOf(layer.read(key)));
    newClient(cacheName).clear();
    Thread.sleep(GENERATION_TTL.toMillis() + 50);
    assertFalse(layer.read(key).isPresent(), "another client's clear() is not seen one generation TTL later");
  }

  @Test
  void aTokenReadAgainUnchangedIsTheSameInstance() throws InterruptedException {
    String before = layer.generation();
    Thread.sleep(GENERATION_TTL.toMillis() + 50);
    String after = layer.generation();
    assertEquals(before, after, "nobody cleared the cache");
    assertSame(before, after, "an unchanged token read again must stay the instance that copies and hits compare by identity");
  }

  /** DESIGN.md, "Entries": if the generation token is lost, a new one makes the cache look empty, never resurrects old data. */
  @Test
  void aClearedEntryNeverComesBack() throws InterruptedException {
    byte[] key = key("k");
    layer.write(entry(key, "before"));
    layer.clear();
    GlobalLayer fresh = newClient(cacheName);
    assertFalse(fresh.read(key).isPresent(), "a new client must not see the entry cleared before it came");
    Thread.sleep(GENERATION_TTL.toMillis() + 50);
    assertFalse(layer.read(key).isPresent());
  }

  // size limit

  @Test
  void anEntryOfExactlyTheLimitIsStoredAndReadBack() {
    byte[] key = key("k");
    byte[] value = new byte[layer.maxEntryBytes() - key.length];
    Arrays.fill(value, (byte) 'v');
    StoredEntry largest = new StoredEntry(key, value, CODEC, StoredEntry.ETERNAL);
    layer.write(largest);
    assertSameEntry(largest, layer.read(key).entry());
  }

  /** DESIGN.md: a value over the item size fails clearly, "nothing written, the old value intact". */
  @Test
  void anEntryOverTheLimitFailsAndLeavesTheOldValue() {
    byte[] key = key("k");
    layer.write(entry(key, "old"));
    byte[] value = new byte[layer.maxEntryBytes() - key.length + 1];
    StoredEntry tooLarge = new StoredEntry(key, value, CODEC, StoredEntry.ETERNAL);
    RuntimeException failure = assertThrows(RuntimeException.class, () -> layer.write(tooLarge));
    assertTrue(failure instanceof IllegalArgumentException || failure instanceof CacheException, failure.toString());
    assertTrue(String.valueOf(failure.getMessage()).contains(Integer.toString(layer.maxEntryBytes())),
        "the message names the limit: " + failure.getMessage());
    Versioned read = layer.read(key);
    assertEquals("old", valueOf(read));
    assertThrows(RuntimeException.class, () -> layer.compareAndSet(key, read, tooLarge));
    assertEquals("old", valueOf(layer.read(key)), "the old value is intact, and the layer still answers");
  }
}
