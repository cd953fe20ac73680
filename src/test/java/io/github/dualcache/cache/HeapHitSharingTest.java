package io.github.dualcache.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.testing.Boxes;
import io.github.dualcache.testing.TaggedInteger;
import java.io.Serializable;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A heap hit hands out one shared instance only of an immutable value (so it skips decoding) and
 * a fresh copy of anything else (so a caller's change never reaches the cache). Without the
 * {@link Immutables} check in {@code EntryCodec.value} the mutable cases return the mutated
 * instance; without the heap copy's slot the immutable cases get a new instance per hit.
 */
class HeapHitSharingTest {
  private static final java.time.Duration TTL = java.time.Duration.ofHours(1);

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  record Point(String name, int x, Instant at, DayOfWeek day) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  record Nested(Point point, long id) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  record Tagged(String name, List<String> tags) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  record Anything(Object value) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  record Loop(String name, Loop next) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private <V> Cache<String, V> heapCache(Class<V> type) {
    String allow = HeapHitSharingTest.class.getName() + "$*";
    return BOXES.open("heap", TTL, "dualcache.codec.allow", allow).manager()
        .createCache(Boxes.uniqueName("sharing"), new MutableConfiguration<String, V>().setTypes(String.class, type));
  }

  /** Puts the value and reads it once, so the heap holds a copy and later reads are heap hits. */
  private static <V> void putAndFill(Cache<String, V> cache, V value) {
    cache.put("k", value);
    assertNotNull(cache.get("k"));
  }

  @Test
  void anImmutableValueIsDecodedOnceAndThenSharedByHeapHits() {
    Cache<String, String> strings = heapCache(String.class);
    putAndFill(strings, "v".repeat(10));
    assertSame(strings.get("k"), strings.get("k"));

    Cache<String, Nested> records = heapCache(Nested.class);
    putAndFill(records, new Nested(new Point("p", 1, Instant.EPOCH, DayOfWeek.MONDAY), 2));
    assertSame(records.get("k"), records.get("k"));
  }

  @Test
  void aNewValueIsNotServedFromTheOldCopysSlot() {
    Cache<String, String> strings = heapCache(String.class);
    putAndFill(strings, "v1");
    strings.get("k");
    strings.put("k", "v2");
    assertEquals("v2", strings.get("k"));
    assertEquals("v2", strings.get("k"));
  }

  @Test
  void anEqualKeyInstanceFindsTheEntryWhoseKeyBytesWereKept() {
    Cache<String, String> strings = heapCache(String.class);
    String key = new String(new char[] {'k', '2'});
    strings.put(key, "v");
    assertEquals("v", strings.get(new String(new char[] {'k', '2'})));
    strings.remove(new String(new char[] {'k', '2'}));
    assertNull(strings.get(key));
  }

  @Test
  void anEqualKeyOfAMutableSubclassIsAnotherKey() {
    String allow = HeapHitSharingTest.class.getName() + "$*";
    Cache<Object, String> cache = BOXES.open("heap", TTL, "dualcache.codec.allow", allow).manager()
        .createCache(Boxes.uniqueName("subclass-key"), new MutableConfiguration<>());
    cache.put(BigInteger.ONE, "one");
    assertEquals("one", cache.get(BigInteger.ONE), "fills the heap copy found by the key object");
    assertEquals("one", cache.get(new BigInteger("1")), "a heap hit by an equal key object");
    assertNull(cache.get(new TaggedInteger("1")), "a key with other bytes read another key's entry");
    cache.put(new TaggedInteger("1"), "tagged");
    assertEquals("tagged", cache.get(new TaggedInteger("1")));
    assertEquals("one", cache.get(BigInteger.ONE));
  }

  /** Asked about access by every hit, as the spec has it; answers null, as the spec's own policies do. */
  public static final class CountingPolicy implements ExpiryPolicy, Serializable {
    private static final long serialVersionUID = 1L;
    static final AtomicInteger ACCESSES = new AtomicInteger();

    @Override
    public Duration getExpiryForCreation() {
      return Duration.ETERNAL;
    }

    @Override
    public Duration getExpiryForAccess() {
      ACCESSES.incrementAndGet();
      return null;
    }

    @Override
    public Duration getExpiryForUpdate() {
      return null;
    }
  }

  @Test
  void aUsersExpiryPolicyIsAskedOnEveryHeapHitOfAnImmutableValue() {
    Cache<String, String> cache = BOXES.open("heap", TTL).manager().createCache(Boxes.uniqueName("policy"),
        new MutableConfiguration<String, String>().setTypes(String.class, String.class)
            .setExpiryPolicyFactory(FactoryBuilder.factoryOf(CountingPolicy.class)));
    putAndFill(cache, "v");
    int before = CountingPolicy.ACCESSES.get();
    for (int i = 0; i < 3; i++) {
      assertEquals("v", cache.get("k"));
    }
    assertEquals(before + 3, CountingPolicy.ACCESSES.get());
  }

  @Test
  void aMutatedListFromAHeapHitDoesNotChangeTheCache() {
    Cache<String, ArrayList<String>> lists = heapCache(listType());
    putAndFill(lists, new ArrayList<>(List.of("a", "b")));
    ArrayList<String> hit = lists.get("k");
    hit.add("changed");
    assertEquals(List.of("a", "b"), lists.get("k"));
    assertNotSame(lists.get("k"), lists.get("k"));
  }

  @Test
  void aMutatedListInsideARecordFromAHeapHitDoesNotChangeTheCache() {
    Cache<String, Tagged> records = heapCache(Tagged.class);
    putAndFill(records, new Tagged("t", new ArrayList<>(List.of("a"))));
    records.get("k").tags().add("changed");
    assertEquals(List.of("a"), records.get("k").tags());
  }

  @Test
  void aMutatedArrayFromAHeapHitDoesNotChangeTheCache() {
    Cache<String, String[]> arrays = heapCache(String[].class);
    putAndFill(arrays, new String[] {"a", "b"});
    String[] hit = arrays.get("k");
    hit[0] = "changed";
    assertArrayEquals(new String[] {"a", "b"}, arrays.get("k"));
  }

  @Test
  void theRuleAcceptsOnlyFinalImmutableTypesEnumsAndRecordsOfThem() {
    assertTrue(Immutables.isImmutable("s"));
    assertTrue(Immutables.isImmutable(42));
    assertTrue(Immutables.isImmutable(Instant.EPOCH));
    assertTrue(Immutables.isImmutable(DayOfWeek.MONDAY));
    assertTrue(Immutables.isImmutable(BigInteger.ONE));
    assertTrue(Immutables.isImmutable(new Nested(new Point("p", 1, Instant.EPOCH, DayOfWeek.MONDAY), 2)));

    assertFalse(Immutables.isImmutable(null));
    assertFalse(Immutables.isImmutable(new ArrayList<>()));
    assertFalse(Immutables.isImmutable(List.of("immutable, but an interface type")));
    assertFalse(Immutables.isImmutable(new String[] {"a"}));
    assertFalse(Immutables.isImmutable(new Date()));
    assertFalse(Immutables.isImmutable(new BigInteger("1") {
      private static final long serialVersionUID = 1L;
    }));
    assertFalse(Immutables.isImmutable(new Tagged("t", List.of())));
    assertFalse(Immutables.isImmutable(new Anything("a String, but declared Object")));
    assertFalse(Immutables.isImmutable(new Loop("l", null)));
  }

  @SuppressWarnings("unchecked")
  private static Class<ArrayList<String>> listType() {
    return (Class<ArrayList<String>>) (Class<?>) ArrayList.class;
  }
}
