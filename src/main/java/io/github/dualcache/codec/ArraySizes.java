package io.github.dualcache.codec;

import java.util.Map;

/**
 * The fewest stream bytes that could fill an array of a given length, so that no array, and no
 * collection that sizes its table from a count in the stream, is larger than the bytes left to
 * fill it.
 */
final class ArraySizes {
  /** Tables this small cost less than the object declaring them; empty IdentityHashMaps ask for 8. */
  static final long SLACK = 64;
  /** HashMap never sizes a table below this. */
  private static final long MIN_HASH_TABLE = 16;

  private ArraySizes() {}

  /** @param component the array's element type as its descriptor names it: {@code J} for long[], {@code L} for objects */
  static long needed(char component, long length) {
    return Saturating.times(length, bytesPerElement(component));
  }

  /**
   * HashMap, HashSet, Hashtable and Properties call the filter with the table capacity they are
   * about to allocate, typed {@code Map.Entry[]}. A table holds up to about 2.7 slots per entry
   * (load factor 0.75, rounded up to a power of two) and never fewer than 16, and an entry needs
   * at least one byte, so a table is charged half a byte per slot above 16. Every other array,
   * real or the capacity ArrayList and friends declare, needs its element size per element: an
   * object element takes at least one byte (a null or the tag of a reference).
   */
  static long needed(Class<?> arrayType, long length) {
    Class<?> component = arrayType.getComponentType();
    if (component == Map.Entry.class) {
      return (Math.max(0, length - MIN_HASH_TABLE) + 1) / 2;
    }
    return needed(code(component), length);
  }

  static String describe(Class<?> arrayType, long length, long needed, long remaining) {
    if (arrayType.getComponentType() == Map.Entry.class) {
      return "a hash table of " + length + " slots needs at least " + needed + " bytes of entries, only "
          + remaining + " remain in the stream";
    }
    return describe(arrayType.getComponentType().getName(), length, needed, remaining);
  }

  static String describe(String component, long length, long needed, long remaining) {
    return "an array of " + length + " elements of " + component + " needs at least " + needed + " bytes, only "
        + remaining + " remain in the stream";
  }

  private static char code(Class<?> component) {
    if (!component.isPrimitive()) {
      return 'L';
    }
    return component == boolean.class ? 'Z' : component == long.class ? 'J' : Character.toUpperCase(component.getName().charAt(0));
  }

  private static long bytesPerElement(char component) {
    return switch (component) {
      case 'B', 'Z' -> 1;
      case 'C', 'S' -> 2;
      case 'I', 'F' -> 4;
      case 'J', 'D' -> 8;
      default -> 1;
    };
  }
}
