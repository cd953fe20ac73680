package io.github.dualcache.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Serialized streams built to hurt a reader, written by ObjectOutputStream and patched where a lie is needed. */
public final class HostileStreams {
  private HostileStreams() {}

  /** Written in place of the object it stands for: lets a HashSet hold content it never hashed. */
  static final class WrittenAs implements Serializable {
    private static final long serialVersionUID = 1L;
    private final transient Object replacement;

    WrittenAs(Object replacement) {
      this.replacement = replacement;
    }

    Object writeReplace() {
      return replacement;
    }
  }

  /** Bytes as another program writes them: plain JDK serialization, so this JVM learns nothing from them. */
  public static byte[] serialize(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * "SerialDOS": each level a HashSet holding two sets, the next level's pair shared by both, so
   * hashing the root visits 2^depth sets. Building it is cheap: each set is hashed while small.
   */
  public static byte[] setBomb(int depth) {
    Set<Object> root = new HashSet<>();
    Set<Object> left = root;
    Set<Object> right = new HashSet<>();
    for (int i = 0; i < depth; i++) {
      Set<Object> first = new HashSet<>();
      Set<Object> second = new HashSet<>();
      first.add("foo");
      left.add(first);
      left.add(second);
      right.add(first);
      right.add(second);
      left = first;
      right = second;
    }
    return serialize(root);
  }

  /** One HashSet whose element is a DAG of ArrayLists, each holding its child twice: one level of hash collections. */
  static byte[] listDagInOneSet(int depth) {
    return serialize(setOf(listDag(depth)));
  }

  static List<Object> listDag(int depth) {
    List<Object> list = new ArrayList<>(List.of(1));
    for (int i = 0; i < depth; i++) {
      list = new ArrayList<>(Arrays.asList(list, list));
    }
    return list;
  }

  /** A HashSet holding a list of {@code prefix} nulls followed by the list itself. */
  static byte[] selfContainingListInASet(int prefix) {
    List<Object> list = new ArrayList<>(Arrays.asList(new Object[prefix]));
    list.add(list);
    return serialize(setOf(list));
  }

  /** A long[] of 4 elements (59 bytes) whose length field says {@code length}. */
  public static byte[] longArrayDeclaring(int length) {
    byte[] bytes = serialize(new long[4]);
    ByteBuffer.wrap(bytes).putInt(bytes.length - 4 * 8 - 4, length);
    return bytes;
  }

  /** An empty ArrayList (58 bytes) whose size field says {@code size}. */
  public static byte[] arrayListDeclaring(int size) {
    byte[] bytes = serialize(new ArrayList<>());
    // the size field, then the block with the capacity (77 04 <int>), then TC_ENDBLOCKDATA
    ByteBuffer.wrap(bytes).putInt(bytes.length - 1 - 6 - 4, size);
    return bytes;
  }

  /**
   * {@code depth} ArrayLists nested one in the other, then {@code padding} bytes; each list's size
   * says it has as many elements as bytes remain after it, which no single check can refuse.
   */
  static byte[] nestedListsEachDeclaringTheRest(int depth, int padding) {
    List<Object> inner = new ArrayList<>();
    for (int i = 0; i < depth; i++) {
      inner = new ArrayList<>(List.of(inner));
    }
    byte[] bytes = serialize(new ArrayList<>(List.of(inner, new byte[padding])));
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    // a list of one element: size 1, then the block with capacity 1
    byte[] one = {0, 0, 0, 1, 0x77, 4, 0, 0, 0, 1};
    for (int i = 0; i + one.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + one.length, one, 0, one.length)) {
        buffer.putInt(i, bytes.length - i);
      }
    }
    return bytes;
  }

  /** A HashSet holding {@code element} without having hashed it. */
  static Set<Object> setOf(Object element) {
    Set<Object> set = new HashSet<>();
    set.add(new WrittenAs(element));
    return set;
  }
}
