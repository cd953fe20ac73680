package io.github.dualcache.codec;

import static io.github.dualcache.codec.HostileStreams.serialize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InvalidClassException;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each hostile stream is refused without allocating, with a message naming the rule that fired.
 * Each test was shown to guard something by removing the check it names (in
 * BoundedInputFilter.checkArray and decide): the test then fails by allocating over its bound or
 * by decoding.
 */
class HostileStreamsTest {
  private static final long ALLOCATION_BOUND = 8L * 1024 * 1024;

  private final Codec codec = new JavaSerializationCodec(getClass().getClassLoader(), "", Set.of());

  record Pair(Object left, Object right) implements Serializable {}

  @BeforeAll
  static void loadTheCodecClasses() {
    Codec codec = new JavaSerializationCodec(HostileStreamsTest.class.getClassLoader(), "", Set.of());
    codec.decode(codec.encode(new ArrayList<>(List.of(new HashSet<>(List.of(1)), new long[1]))));
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
    for (byte[] bytes : List.of(HostileStreams.longArrayDeclaring(1 << 24),
        HostileStreams.arrayListDeclaring(1 << 24), new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 0x73, 0x71})) {
      CodecException error = assertThrows(CodecException.class, () -> codec.decode(bytes));
      assertNotNull(error.getCause(), error.getMessage());
    }
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

  private CodecException refusedWithin(long allocationBound, byte[] bytes) {
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    CodecException error = assertThrows(CodecException.class, () -> codec.decode(bytes));
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertTrue(allocated < allocationBound, "decoding " + bytes.length + " bytes allocated " + allocated + " bytes");
    return error;
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
