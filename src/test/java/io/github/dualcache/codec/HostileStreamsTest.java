package io.github.dualcache.codec;

import static io.github.dualcache.codec.HostileStreams.serialize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InvalidClassException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each hostile stream is refused quickly, without allocating, with a message naming the rule that
 * fired. Each test was shown to guard something by removing the check it names and watching it
 * fail: the hash charge (StreamScan.customData) for the set bomb, the list DAG, the shared
 * structure and the cycle behind an identity hash (timeouts); the loop check (ContentWeights.cycle)
 * for the self-containing list (over 2 s, then StackOverflowError); the partial weight of a cycle
 * (ContentWeights.weightFrom) for the identity-hash cycle; the breaker check
 * (BoundedInputFilter.checkAgainstStream) for the record; the per-array check for the array after a
 * megabyte, and with the running total also removed the single arrays (allocation); the running
 * total alone for the nested lists; the resolve check (BoundedInputFilter.finished) for Sneaky; the
 * depth and reference checks for their message tests.
 */
class HostileStreamsTest {
  private static final Duration BOUND = Duration.ofSeconds(2);
  private static final long ALLOCATION_BOUND = 8L * 1024 * 1024;

  private final Codec codec = new JavaSerializationCodec(getClass().getClassLoader(), "", Set.of());

  /** hashCode follows both components: a record on a cycle is hashed round it. */
  record Pair(Object left, Object right) implements Serializable {}

  /** Breaks the spec: reads an object where its int field's bytes are, without defaultReadObject. */
  static final class Sneaky implements Serializable {
    private static final long serialVersionUID = 1L;
    static volatile Object read;
    int count;

    private void writeObject(java.io.ObjectOutputStream out) throws java.io.IOException {
      out.defaultWriteObject();
    }

    private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
      read = in.readObject();
    }
  }

  @BeforeAll
  static void loadTheCodecClasses() {
    Codec codec = new JavaSerializationCodec(HostileStreamsTest.class.getClassLoader(), "", Set.of());
    codec.decode(codec.encode(new ArrayList<>(List.of(new HashSet<>(List.of(1)), new long[1]))));
  }

  @Test
  void theSerialDosSetBombIsRefusedQuickly() {
    byte[] bomb = HostileStreams.setBomb(30);
    assertTrue(bomb.length < 1800, bomb.length + " bytes");
    assertRefusedQuickly(bomb, "hash-collection work");
  }

  @Test
  void oneHashSetHoldingADagOfListsIsRefusedToo() {
    // a limit on how deeply hash collections nest would let this through: there is one
    assertRefusedQuickly(HostileStreams.listDagInOneSet(30), "hash-collection work");
  }

  @Test
  void aSharedStructureHashedManyTimesIsRefused() {
    // no nesting at all: 20,000 keys of a HashMap, each a list holding the same 50,000-element list
    List<Object> big = new ArrayList<>(Arrays.asList(new Object[50_000]));
    Map<Object, Object> map = new HashMap<>();
    for (int i = 0; i < 20_000; i++) {
      map.put(new HostileStreams.WrittenAs(new ArrayList<>(List.of(i, big))), i);
    }
    assertRefusedQuickly(serialize(map), "hash-collection work");
  }

  @Test
  void aSelfContainingListInAHashSetIsRefusedBeforeHashingGoesRoundIt() {
    // hashing goes round the cycle until the stack overflows, re-walking 300,000 nulls each time: seconds
    assertRefusedQuickly(HostileStreams.selfContainingListInASet(300_000), "would hash a reference cycle");
  }

  @Test
  void aCycleBehindAnIdentityHashedObjectIsChargedForEveryElementThatEntersIt() {
    // enclosing = {DAG of 2^16 lists, AtomicReference -> set}; each of the set's 10,000 elements holds enclosing,
    // so hashing one walks the DAG (the AtomicReference, hashed by identity, ends the cycle): 10,000 DAG walks.
    // Padding raises the stream's budget above everything else in it.
    Set<Object> set = new HashSet<>();
    Set<Object> enclosing = new LinkedHashSet<>();
    enclosing.add(HostileStreams.listDag(16));
    enclosing.add(new AtomicReference<>(set));
    for (int i = 0; i < 10_000; i++) {
      set.add(new HostileStreams.WrittenAs(new ArrayList<>(List.of(i, enclosing))));
    }
    assertRefusedQuickly(serialize(new ArrayList<>(List.of(enclosing, new byte[2 << 20]))), "hash-collection work");
  }

  @Test
  void aRecordOnACycleThatASetHashesIsRefused() {
    Codec allowing = new JavaSerializationCodec(getClass().getClassLoader(), "io.github.dualcache.codec.*", Set.of());
    List<Object> list = new ArrayList<>();
    list.add(new Pair("x", list));
    byte[] bytes = serialize(HostileStreams.setOf(list));
    CodecException error = assertTimeoutPreemptively(BOUND, () -> assertThrows(CodecException.class,
        () -> allowing.decode(bytes)));
    assertTrue(error.getMessage().contains("reference cycle") && error.getMessage().contains(Pair.class.getName()),
        error.getMessage());
  }

  @Test
  void aLongArrayDeclaring16MillionElementsIsRefusedWithoutAllocating() {
    byte[] bytes = HostileStreams.longArrayDeclaring(16 * 1024 * 1024);
    assertEquals(59, bytes.length);
    CodecException error = refusedWithin(ALLOCATION_BOUND, bytes);
    assertTrue(error.getMessage().contains("an array of 16777216 elements of long needs at least 134217728 bytes, "
        + "only 32 remain"), error.getMessage());
  }

  @Test
  void anArrayListDeclaring16MillionElementsIsRefusedWithoutAllocating() {
    byte[] bytes = HostileStreams.arrayListDeclaring(16 * 1024 * 1024);
    assertEquals(58, bytes.length);
    CodecException error = refusedWithin(ALLOCATION_BOUND, bytes);
    assertTrue(error.getMessage().contains("an array of 16777216 elements of java.lang.Object needs at least "
        + "16777216 bytes, only 1 remain"), error.getMessage());
  }

  @Test
  void anArrayLongerThanWhatFollowsItIsRefusedEvenAfterAMegabyteOfOtherData() {
    // 100,000 Integers (a megabyte, claiming only 100,000 bytes), then a long[] declaring 80,000 elements:
    // the stream as a whole could hold it, the 32 bytes after it cannot
    List<Object> list = new ArrayList<>(IntStream.range(0, 100_000).boxed().toList());
    list.add(new long[4]);
    byte[] bytes = serialize(list);
    ByteBuffer.wrap(bytes).putInt(bytes.length - 1 - 4 * 8 - 4, 80_000);
    CodecException error = assertThrows(CodecException.class, () -> codec.decode(bytes));
    assertTrue(error.getMessage().contains("an array of 80000 elements of long needs at least 640000 bytes, only 33 "
        + "remain"), error.getMessage());
  }

  @Test
  void nestedListsThatEachClaimTheRestOfTheStreamAreRefusedWithoutAllocating() {
    // each list alone fits in the bytes after it; 40 of them would allocate 40 arrays of a million references
    byte[] bytes = HostileStreams.nestedListsEachDeclaringTheRest(40, 1 << 20);
    CodecException error = refusedWithin(ALLOCATION_BOUND, bytes);
    assertTrue(error.getMessage().contains("declared so far need at least"), error.getMessage());
  }

  @Test
  void aHashMapAskingForAHugeTableIsRefusedWithoutAllocating() {
    // the mapping count patched from 1 to 2^28: HashMap allocates its table from it before reading a mapping
    byte[] bytes = serialize(new HashMap<>(Map.of("k", "v")));
    // the block after the fields: 77 08 <buckets> <mappings>
    int at = indexOf(bytes, new byte[] {0x77, 8}) + 6;
    assertEquals(1, ByteBuffer.wrap(bytes).getInt(at));
    ByteBuffer.wrap(bytes).putInt(at, 1 << 28);
    CodecException error = refusedWithin(ALLOCATION_BOUND, bytes);
    assertTrue(error.getMessage().contains("a hash table of 536870912 slots"), error.getMessage());
  }

  @Test
  void aReaderThatReadsTheBytesDifferentlyFromTheScanIsStopped() {
    // count's four bytes are TC_STRING, length 1, 'A': the scan (following the spec) reads an int there,
    // Sneaky.readObject reads a string, which would give it a handle the scan never counted
    Sneaky sneaky = new Sneaky();
    sneaky.count = 0x74_00_01_41;
    byte[] bytes = serialize(sneaky);
    Codec allowing = new JavaSerializationCodec(getClass().getClassLoader(), "io.github.dualcache.codec.*", Set.of());
    Sneaky.read = null;
    CodecException error = assertThrows(CodecException.class, () -> allowing.decode(bytes));
    assertTrue(error.getMessage().contains("stream structure"), error.getMessage());
    assertEquals(null, Sneaky.read, "the string reached readObject");
  }

  @Test
  void depthOverTheLimitIsNamed() {
    List<Object> nested = new ArrayList<>();
    List<Object> current = nested;
    for (int i = 0; i < 200; i++) {
      List<Object> inner = new ArrayList<>();
      current.add(inner);
      current = inner;
    }
    CodecException error = assertThrows(CodecException.class, () -> codec.decode(codec.encode(nested)));
    assertTrue(error.getMessage().contains("depth 65 over the limit of 64"), error.getMessage());
  }

  @Test
  void tooManyReferencesAreNamed() {
    List<Object> many = new ArrayList<>(Arrays.asList(new Object[1_000_000]));
    many.add("x");
    many.add("x");
    CodecException error = assertThrows(CodecException.class, () -> codec.decode(codec.encode(many)));
    assertTrue(error.getMessage().contains("references over the limit of 1000000"), error.getMessage());
  }

  @Test
  void anUntrustedClassIsNamedWithTheSettingThatWouldAllowIt() {
    byte[] bytes = serialize(new ArrayList<>(List.of(new Pair(1, 2))));
    CodecException error = assertThrows(CodecException.class, () -> codec.decode(bytes));
    assertTrue(error.getMessage().contains("class " + Pair.class.getName() + " is not trusted")
        && error.getMessage().contains("dualcache.codec.allow"), error.getMessage());
    assertInstanceOf(InvalidClassException.class, error.getCause());
    assertInstanceOf(Rejected.class, error.getCause().getCause());
  }

  @Test
  void everyRefusalKeepsItsCause() {
    for (byte[] bytes : List.of(HostileStreams.setBomb(30), HostileStreams.longArrayDeclaring(1 << 24),
        HostileStreams.arrayListDeclaring(1 << 24), new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 0x73, 0x71})) {
      CodecException error = assertThrows(CodecException.class, () -> codec.decode(bytes));
      assertNotNull(error.getCause(), error.getMessage());
    }
  }

  @Test
  void theWorstAdmittedHashWorkDecodesQuickly() {
    // the deepest set bomb, and the deepest list DAG beside a megabyte of padding, that are still admitted
    int depth = deepestAdmitted(HostileStreams::setBomb);
    assertTrue(depth >= 6, "depth " + depth);
    double small = fastestOf(20, HostileStreams.setBomb(depth));
    int padded = deepestAdmitted(d -> serialize(new ArrayList<>(List.of(HostileStreams.setOf(HostileStreams.listDag(d)),
        new byte[1 << 20]))));
    double large = fastestOf(20, serialize(new ArrayList<>(List.of(HostileStreams.setOf(HostileStreams.listDag(padded)),
        new byte[1 << 20]))));
    System.out.printf("worst admitted: set bomb of depth %d decodes in %.2f ms; list DAG of depth %d in a 1 MiB stream in"
        + " %.2f ms%n", depth, small, padded, large);
    assertTrue(small < 100 && large < 200, small + " ms, " + large + " ms");
  }

  @Test
  void ordinaryValuesStillDecode() {
    Map<String, List<Integer>> map = new HashMap<>();
    for (int i = 0; i < 1000; i++) {
      map.put("key" + i, List.of(i, i + 1, i + 2));
    }
    Set<Object> nestedSets = new HashSet<>();
    for (int i = 0; i < 30; i++) {
      Set<Object> middle = new HashSet<>();
      for (int j = 0; j < 30; j++) {
        middle.add(new HashSet<>(List.of(i, j, "leaf" + i + j)));
      }
      nestedSets.add(middle);
    }
    List<Object> values = List.of(new byte[1 << 20], new long[100_000],
        new ArrayList<>(IntStream.range(0, 100_000).boxed().toList()), new HashMap<>(map), nestedSets);
    for (Object value : values) {
      Object read = codec.decode(codec.encode(value));
      if (value instanceof byte[] b) {
        assertTrue(Arrays.equals(b, (byte[]) read));
      } else if (value instanceof long[] l) {
        assertTrue(Arrays.equals(l, (long[]) read));
      } else {
        assertEquals(value, read);
      }
    }
  }

  private void assertRefusedQuickly(byte[] bytes, String rule) {
    CodecException error = assertTimeoutPreemptively(BOUND, () -> assertThrows(CodecException.class,
        () -> codec.decode(bytes)));
    assertTrue(error.getMessage().contains(rule), error.getMessage());
  }

  private CodecException refusedWithin(long allocationBound, byte[] bytes) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    CodecException error = assertThrows(CodecException.class, () -> codec.decode(bytes));
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < allocationBound, "decoding " + bytes.length + " bytes allocated " + allocated + " bytes");
    return error;
  }

  private int deepestAdmitted(IntFunction<byte[]> payload) {
    int depth = 1;
    while (admitted(payload.apply(depth + 1))) {
      depth++;
    }
    return depth;
  }

  private boolean admitted(byte[] bytes) {
    try {
      codec.decode(bytes);
      return true;
    } catch (CodecException refused) {
      return false;
    }
  }

  private double fastestOf(int runs, byte[] bytes) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < runs; i++) {
      long start = System.nanoTime();
      codec.decode(bytes);
      best = Math.min(best, System.nanoTime() - start);
    }
    return best / 1e6;
  }

  private static int indexOf(byte[] bytes, byte[] part) {
    for (int i = 0; i + part.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + part.length, part, 0, part.length)) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }
}
