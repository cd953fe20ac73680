package io.github.dualcache.codec;

import java.io.ObjectStreamConstants;

/** A class descriptor as the stream declares it: what the scan needs to walk the data of its instances. */
final class StreamClass {
  static final String PROXY = "(a dynamic proxy class)";

  final String name;
  final int flags;
  final int primitiveBytes;
  final int objectFields;
  /** Where the int field {@code n} starts among the primitive bytes, or -1 (for Collections.nCopies). */
  final int countOffset;
  StreamClass superclass;
  boolean finished;
  private StreamClass[] chain;

  StreamClass(String name, int flags, int primitiveBytes, int objectFields, int countOffset) {
    this.name = name;
    this.flags = flags;
    this.primitiveBytes = primitiveBytes;
    this.objectFields = objectFields;
    this.countOffset = countOffset;
  }

  boolean isEnum() {
    return (flags & ObjectStreamConstants.SC_ENUM) != 0;
  }

  boolean isExternalizable() {
    return (flags & ObjectStreamConstants.SC_EXTERNALIZABLE) != 0;
  }

  boolean writesCustomData() {
    return (flags & ObjectStreamConstants.SC_WRITE_METHOD) != 0;
  }

  /** The classes whose data an instance carries, topmost superclass first, as the reader reads them. */
  StreamClass[] topDown() {
    if (chain != null) {
      return chain;
    }
    int count = 0;
    for (StreamClass c = this; c != null; c = c.superclass) {
      count++;
    }
    StreamClass[] classes = new StreamClass[count];
    for (StreamClass c = this; c != null; c = c.superclass) {
      classes[--count] = c;
    }
    chain = classes;
    return chain;
  }
}
