package io.github.dualcache.codec;

import java.util.Arrays;

/**
 * Stream positions, each with the reader's depth there, at which the reader is expected to call
 * back. The reader asks in stream order, so a cursor answers most questions without searching.
 */
final class Checkpoints {
  private long[] keys = new long[16];
  private int size;
  private int cursor;

  void add(long position, int depth) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
    }
    keys[size++] = key(position, depth);
  }

  void seal() {
    Arrays.sort(keys, 0, size);
  }

  boolean contains(long position, long depth) {
    if (depth < 0 || depth > 255) {
      return false;
    }
    long key = key(position, depth);
    while (cursor < size && keys[cursor] < key) {
      cursor++;
    }
    return cursor < size && keys[cursor] == key || Arrays.binarySearch(keys, 0, size, key) >= 0;
  }

  private static long key(long position, long depth) {
    return position << 8 | depth;
  }
}
