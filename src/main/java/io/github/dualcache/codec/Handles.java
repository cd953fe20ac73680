package io.github.dualcache.codec;

import java.util.Arrays;

/** The scan's copy of the reader's handle table: what each handle names and how much content it reaches. */
final class Handles {
  static final byte DESCRIPTOR = 1;
  static final byte STRING = 2;
  /** Enum constants and Class objects: nothing inside them is hashed. */
  static final byte LEAF = 3;
  /** An object or array still being read; its link is its frame in {@link ContentWeights}. */
  static final byte OPEN = 4;
  /** A finished object or array; its link is the handle of an enclosing object its hashCode reaches back into, or -1. */
  static final byte DONE = 5;
  /** A finished object whose hashCode would go round a reference cycle forever. */
  static final byte LOOPING = 6;

  private byte[] kinds = new byte[16];
  private long[] weights = new long[16];
  private int[] links = new int[16];
  private StreamClass[] classes = new StreamClass[16];
  private int size;

  int size() {
    return size;
  }

  /** @param link for a string, its first character (-1 if empty), which a field type string's kind is read from */
  int add(byte kind, long weight, int link) {
    if (size == kinds.length) {
      int capacity = size * 2;
      kinds = Arrays.copyOf(kinds, capacity);
      weights = Arrays.copyOf(weights, capacity);
      links = Arrays.copyOf(links, capacity);
      classes = Arrays.copyOf(classes, capacity);
    }
    kinds[size] = kind;
    weights[size] = weight;
    links[size] = link;
    return size++;
  }

  byte kind(int handle) {
    return kinds[handle];
  }

  long weight(int handle) {
    return weights[handle];
  }

  int link(int handle) {
    return links[handle];
  }

  StreamClass classAt(int handle) {
    return kinds[handle] == DESCRIPTOR ? classes[handle] : null;
  }

  void describe(int handle, StreamClass streamClass) {
    classes[handle] = streamClass;
  }

  void open(int handle, int frame) {
    kinds[handle] = OPEN;
    links[handle] = frame;
  }

  void close(int handle, long weight, boolean looping, int reachedHandle) {
    kinds[handle] = looping ? LOOPING : DONE;
    weights[handle] = weight;
    links[handle] = reachedHandle;
  }
}
