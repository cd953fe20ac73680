package io.github.dualcache.codec;

import java.util.Set;

/**
 * Bounds the hashing and comparing that collections do while they are read, which no limit on
 * sizes or depth catches.
 *
 * <p>A HashSet hashes each element as it reads it, and a set's hashCode is the sum of its
 * elements' hashCodes, computed afresh each time. Serialization shares objects by reference, so
 * 30 levels of sets that each hold two sets sharing the same children ("SerialDOS", 1.7 KB) make
 * the reader visit 2^30 sets. Limiting how deeply hash collections may nest is not enough: one
 * HashSet holding a 30-deep DAG of ArrayLists costs the same, and a low nesting limit would refuse
 * ordinary nested maps, whose values are never hashed. So the rule is on the work itself:
 * {@link ContentWeights} gives every object the number of bytes its hashCode or compareTo could walk
 * (its own bytes plus those of everything it refers to, a shared object counted once per reference
 * to it, so the DAG above weighs 2^30 bytes), and each collection that hashes or compares what it
 * reads is charged the weight of those elements. All charges together must stay within 4 times the
 * stream's length plus 64 KiB: the collections of a stream without sharing are charged about once
 * per level of hash collections nested in hash collections, so ordinary values stay far below
 * it, while the worst value admitted hashes for about a millisecond per MiB of stream, less than
 * reading it takes (HostileStreamsTest measures it).
 *
 * <p>Not covered: many distinct keys with the same hashCode make a hash table compare them with
 * equals, which is quadratic in their number.
 */
final class HashWork {
  /** What a collection's custom data holds and how often each element is hashed or compared. */
  enum Rule {
    NONE,
    /** Key, value, key, value: each key hashed once (HashMap, Hashtable and Properties, ConcurrentHashMap). */
    KEYS,
    /** Elements, each hashed once (HashSet; Set.of and Map.of through their serial proxy). */
    ALL,
    /** Key, value pairs, each key compared with its neighbours (ConcurrentSkipListMap). */
    SORTED_KEYS,
    /** Elements heapified, compared a few times per level of the heap (PriorityQueue; PriorityBlockingQueue adds them once more). */
    HEAP
  }

  private static final long PER_STREAM_BYTE = 4;
  private static final long FLOOR = 64 * 1024;

  /** JDK classes whose hashCode walks what they hold, so a reference cycle through them is walked forever. */
  private static final Set<String> FOLLOWING = Set.of("java.util.ArrayList", "java.util.LinkedList",
      "java.util.Vector", "java.util.Stack", "java.util.HashMap", "java.util.LinkedHashMap", "java.util.TreeMap",
      "java.util.Hashtable", "java.util.Properties", "java.util.HashSet", "java.util.LinkedHashSet",
      "java.util.TreeSet", "java.util.EnumMap", "java.util.CollSer", "java.util.Arrays$ArrayList",
      "java.util.AbstractList", "java.util.AbstractSet", "java.util.AbstractMap",
      "java.util.AbstractMap$SimpleEntry", "java.util.AbstractMap$SimpleImmutableEntry",
      "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.ConcurrentHashMap$KeySetView",
      "java.util.concurrent.ConcurrentSkipListMap", "java.util.concurrent.ConcurrentSkipListSet",
      "java.util.concurrent.CopyOnWriteArrayList", "java.util.concurrent.CopyOnWriteArraySet");

  private final long limit;
  private long spent;

  HashWork(int streamLength) {
    this.limit = FLOOR + PER_STREAM_BYTE * streamLength;
  }

  /** @param className the class whose custom data holds the elements (HashMap for a LinkedHashMap) */
  static Rule rule(String className) {
    return switch (className) {
      case "java.util.HashMap", "java.util.Hashtable", "java.util.concurrent.ConcurrentHashMap" -> Rule.KEYS;
      case "java.util.HashSet", "java.util.CollSer" -> Rule.ALL;
      case "java.util.concurrent.ConcurrentSkipListMap" -> Rule.SORTED_KEYS;
      case "java.util.PriorityQueue" -> Rule.HEAP;
      default -> Rule.NONE;
    };
  }

  /** Whether the {@code index}-th object of the custom data is hashed by the collection (rather than compared or kept). */
  static boolean hashes(Rule rule, int index) {
    return rule == Rule.ALL || rule == Rule.KEYS && index % 2 == 0;
  }

  static boolean follows(String className) {
    return className.startsWith("[") || FOLLOWING.contains(className)
        || className.startsWith("java.util.Collections$") || className.startsWith("java.util.ImmutableCollections$");
  }

  /**
   * @param all the weight of every object in the collection's custom data
   * @param even the weight of the objects at even positions (the keys of a map)
   */
  void charge(String className, Rule rule, long all, long even, int count) {
    long cost = switch (rule) {
      case NONE -> 0;
      case KEYS -> even;
      case ALL -> all;
      case SORTED_KEYS -> Saturating.times(even, 2);
      case HEAP -> Saturating.times(all, 4L * (64 - Long.numberOfLeadingZeros(count) + 1));
    };
    spent = Saturating.plus(spent, cost);
    if (spent > limit) {
      throw Rejected.limit("hash-collection work: the hash-based and sorted collections in it (" + className
          + " reached the limit) would hash or compare " + (spent == Long.MAX_VALUE ? "more than 2^63" : spent)
          + " bytes of nested content, counting shared objects once per reference, over the limit of " + limit
          + " (" + PER_STREAM_BYTE + " per stream byte + " + FLOOR + "); sets nested in sets that share their "
          + "members, or a shared structure hashed many times, grow exponentially");
    }
  }
}
