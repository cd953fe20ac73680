package io.github.dualcache.codec;

import static java.io.ObjectStreamConstants.SC_BLOCK_DATA;
import static java.io.ObjectStreamConstants.SC_ENUM;
import static java.io.ObjectStreamConstants.SC_EXTERNALIZABLE;
import static java.io.ObjectStreamConstants.SC_SERIALIZABLE;
import static java.io.ObjectStreamConstants.SC_WRITE_METHOD;
import static java.io.ObjectStreamConstants.STREAM_MAGIC;
import static java.io.ObjectStreamConstants.STREAM_VERSION;
import static java.io.ObjectStreamConstants.TC_ARRAY;
import static java.io.ObjectStreamConstants.TC_BLOCKDATA;
import static java.io.ObjectStreamConstants.TC_BLOCKDATALONG;
import static java.io.ObjectStreamConstants.TC_CLASS;
import static java.io.ObjectStreamConstants.TC_CLASSDESC;
import static java.io.ObjectStreamConstants.TC_ENDBLOCKDATA;
import static java.io.ObjectStreamConstants.TC_ENUM;
import static java.io.ObjectStreamConstants.TC_EXCEPTION;
import static java.io.ObjectStreamConstants.TC_LONGSTRING;
import static java.io.ObjectStreamConstants.TC_NULL;
import static java.io.ObjectStreamConstants.TC_OBJECT;
import static java.io.ObjectStreamConstants.TC_PROXYCLASSDESC;
import static java.io.ObjectStreamConstants.TC_REFERENCE;
import static java.io.ObjectStreamConstants.TC_RESET;
import static java.io.ObjectStreamConstants.TC_STRING;
import static java.io.ObjectStreamConstants.baseWireHandle;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a serialization stream's structure from its bytes before anything is deserialized, the way
 * ObjectInputStream will read it (same handles, same depths, same order), so that limits needing
 * the whole stream are decided before a single object exists: every array fits in the bytes left,
 * nesting stays within {@link BoundedInputFilter#MAX_DEPTH}, and the collections' hashing stays
 * within {@link HashWork}. It records where the reader must call the filter back, so that a
 * reader interpreting the bytes differently (a readObject that does not follow the serialization
 * spec) is caught by {@link BoundedInputFilter} at its first divergence.
 */
final class StreamScan {
  /** Stream descriptors of a class name that declare custom data (SC_WRITE_METHOD). */
  static final int WRITES = 1;
  /** Stream descriptors of a class name that declare a superclass. */
  static final int HAS_SUPER = 2;

  private static final String COPIES_LIST = "java.util.Collections$CopiesList";
  private static final Set<String> NOT_OBJECTS = Set.of("java.lang.String", "java.lang.Class", "java.io.ObjectStreamClass");

  private final byte[] bytes;
  private int pos;
  private final Handles handles = new Handles();
  private final ContentWeights weights = new ContentWeights(handles);
  private final HashWork hashWork;
  private final Checkpoints references = new Checkpoints();
  private final Checkpoints classChecks = new Checkpoints();
  private final Checkpoints resolutions = new Checkpoints();
  private final Map<String, Integer> traits = new HashMap<>();

  private StreamScan(byte[] bytes) {
    this.bytes = bytes;
    this.hashWork = new HashWork(bytes.length);
  }

  /** @throws Rejected if the stream is malformed or breaks a limit */
  static StreamScan of(byte[] bytes) {
    StreamScan scan = new StreamScan(bytes);
    scan.readStream();
    return scan;
  }

  /** Whether the reader may meet a back-reference that ends at this position, at this depth. */
  boolean isReference(long position, long depth) {
    return references.contains(position, depth);
  }

  /** Whether the reader may ask about a class at this position and depth. */
  boolean isClassCheck(long position, long depth) {
    return classChecks.contains(position, depth);
  }

  /** Whether an object, array, enum constant or string read by the reader may end at this position. */
  boolean isResolution(long position) {
    return resolutions.contains(position, 0);
  }

  /** {@link #WRITES} and {@link #HAS_SUPER} over all stream descriptors of the class, or 0. */
  int traits(String className) {
    return traits.getOrDefault(className, 0);
  }

  /** Whether the hashing rules assumed that this class's hashCode does not follow a reference cycle. */
  boolean isCycleBreaker(String className) {
    return weights.breakers().contains(className);
  }

  private void readStream() {
    if (u2() != (STREAM_MAGIC & 0xFFFF) || u2() != STREAM_VERSION) {
      throw Rejected.malformed(0, "not a serialization stream");
    }
    content(1, false);
    references.seal();
    classChecks.seal();
    resolutions.seal();
  }

  /**
   * One object where ObjectInputStream.readObject0 reads one, {@code depth} being its depth there.
   * Depth is checked where the reader's filter sees it: at class descriptors and back-references.
   */
  private long content(int depth, boolean hashed) {
    weights.forgetLooping();
    int tag = u1();
    switch (tag) {
      case TC_NULL:
        // the cheapest element to write costs hashing a visit like any other: weigh it as two bytes
        return 2;
      case TC_REFERENCE:
        return weights.backReference(reference(depth), hashed);
      case TC_CLASS:
        if (classDescriptor(depth) == null) {
          throw malformed("a Class object without a class descriptor");
        }
        handles.add(Handles.LEAF, 1, -1);
        return 1;
      case TC_CLASSDESC:
      case TC_PROXYCLASSDESC:
        pos--;
        classDescriptor(depth);
        return 1;
      case TC_STRING:
      case TC_LONGSTRING:
        long weight = string(tag);
        resolutions.add(pos, 0);
        return weight;
      case TC_ARRAY:
        return array(depth, hashed);
      case TC_ENUM:
        return enumConstant(depth);
      case TC_OBJECT:
        return object(depth, hashed);
      case TC_EXCEPTION:
        throw malformed("an exception recorded by the writer (TC_EXCEPTION), which this codec never writes");
      case TC_RESET:
        throw malformed("a reset marker (TC_RESET), which this codec never writes");
      default:
        throw malformed(String.format("invalid type code 0x%02X", tag));
    }
  }

  private int reference(int depth) {
    checkDepth(depth);
    int handle = s4() - baseWireHandle;
    if (handle < 0 || handle >= handles.size()) {
      throw malformed("a back-reference to handle " + handle + ", which does not exist");
    }
    references.add(pos, depth);
    return handle;
  }

  private long string(int tag) {
    long length = tag == TC_STRING ? u2() : Math.max(0, s8());
    need(length);
    int first = length > 0 ? bytes[pos] & 0xFF : -1;
    pos += (int) length;
    long weight = Saturating.plus(length, tag == TC_STRING ? 3 : 9);
    handles.add(Handles.STRING, weight, first);
    return weight;
  }

  private StreamClass classDescriptor(int depth) {
    int tag = u1();
    switch (tag) {
      case TC_NULL:
        return null;
      case TC_REFERENCE:
        StreamClass described = handles.classAt(reference(depth));
        if (described == null) {
          throw malformed("a back-reference to something other than a class descriptor where one belongs");
        }
        if (!described.finished) {
          throw malformed("a back-reference to a class descriptor that is still being read");
        }
        return described;
      case TC_CLASSDESC:
        return plainDescriptor(depth);
      case TC_PROXYCLASSDESC:
        return proxyDescriptor(depth);
      default:
        throw malformed(String.format("invalid type code 0x%02X where a class descriptor belongs", tag));
    }
  }

  /** Mirrors ObjectInputStream.readNonProxyDesc and ObjectStreamClass.readNonProxy. */
  private StreamClass plainDescriptor(int depth) {
    checkDepth(depth);
    int handle = handles.add(Handles.DESCRIPTOR, 1, -1);
    String name = utf();
    long serialVersionUid = s8();
    int flags = u1();
    int count = s2();
    int primitiveBytes = 0;
    int objectFields = 0;
    int countOffset = -1;
    for (int i = 0; i < count; i++) {
      int code = u1();
      String field = utf();
      char type = code == 'L' || code == '[' ? typeString(depth) : (char) code;
      int size = fieldSize(type, name, field);
      if (size < 0) {
        objectFields++;
      } else if (objectFields > 0) {
        throw malformed("class " + name + " declares a primitive field after an object field");
      } else {
        if (type == 'I' && field.equals("n")) {
          countOffset = primitiveBytes;
        }
        primitiveBytes += size;
      }
    }
    boolean externalizable = (flags & SC_EXTERNALIZABLE) != 0;
    if (externalizable && (flags & SC_SERIALIZABLE) != 0) {
      throw malformed("class " + name + " is declared both Serializable and Externalizable");
    }
    if (externalizable && (flags & SC_BLOCK_DATA) == 0) {
      throw malformed("class " + name + " was written in the pre-1.2 externalizable format");
    }
    if ((flags & SC_ENUM) != 0 && (serialVersionUid != 0 || count != 0)) {
      throw malformed("enum class " + name + " declares fields or a serialVersionUID");
    }
    StreamClass described = new StreamClass(name, flags, primitiveBytes, objectFields, countOffset);
    handles.describe(handle, described);
    classChecks.add(pos, depth);
    classAnnotation(depth);
    described.superclass = classDescriptor(depth + 1);
    // the reader also asks about local superclasses the stream leaves out, after the superclass descriptor
    classChecks.add(pos, depth + 1);
    described.finished = true;
    int declared = ((flags & SC_WRITE_METHOD) != 0 ? WRITES : 0) | (described.superclass != null ? HAS_SUPER : 0);
    if (declared != 0) {
      traits.merge(name, declared, (a, b) -> a | b);
    }
    return described;
  }

  /** Mirrors ObjectInputStream.readProxyDesc. */
  private StreamClass proxyDescriptor(int depth) {
    checkDepth(depth);
    int handle = handles.add(Handles.DESCRIPTOR, 1, -1);
    int interfaces = s4();
    if (interfaces < 0 || interfaces > 65535) {
      throw malformed("a proxy class with " + interfaces + " interfaces");
    }
    for (int i = 0; i < interfaces; i++) {
      skip(u2());
    }
    StreamClass described = new StreamClass(StreamClass.PROXY, SC_SERIALIZABLE, 0, 0, -1);
    handles.describe(handle, described);
    classChecks.add(pos, depth);
    classAnnotation(depth);
    described.superclass = classDescriptor(depth + 1);
    described.finished = true;
    return described;
  }

  private char typeString(int depth) {
    int tag = u1();
    int first;
    if (tag == TC_STRING || tag == TC_LONGSTRING) {
      string(tag);
      first = handles.link(handles.size() - 1);
    } else if (tag == TC_REFERENCE) {
      int handle = reference(depth);
      if (handles.kind(handle) != Handles.STRING) {
        throw malformed("a field type that is not a string");
      }
      first = handles.link(handle);
    } else {
      throw malformed(String.format("invalid type code 0x%02X where a field type belongs", tag));
    }
    return first < 0 ? '?' : (char) first;
  }

  private int fieldSize(char type, String className, String field) {
    return switch (type) {
      case 'B', 'Z' -> 1;
      case 'C', 'S' -> 2;
      case 'I', 'F' -> 4;
      case 'J', 'D' -> 8;
      case 'L', '[' -> -1;
      default -> throw malformed("field " + field + " of class " + className + " has an invalid type");
    };
  }

  private void classAnnotation(int depth) {
    weights.enter(-1, null, false);
    customData(null, HashWork.Rule.NONE, depth);
    weights.exit();
  }

  private long array(int depth, boolean hashed) {
    StreamClass described = classDescriptor(depth);
    if (described == null || !described.name.startsWith("[") || described.name.length() < 2) {
      throw malformed("an array without an array class descriptor");
    }
    int length = s4();
    if (length < 0) {
      throw malformed("an array of negative length");
    }
    char component = described.name.charAt(1);
    long needed = ArraySizes.needed(component, length);
    long remaining = bytes.length - pos;
    if (needed > remaining) {
      throw Rejected.limit(ArraySizes.describe(componentName(described.name), length, needed, remaining));
    }
    int handle = handles.add(Handles.OPEN, 0, -1);
    weights.enter(handle, described.name, hashed);
    weights.add(5);
    if (component == 'L' || component == '[') {
      for (int i = 0; i < length; i++) {
        weights.add(content(depth + 1, false));
      }
    } else {
      skip(needed);
      weights.add(needed);
    }
    long weight = weights.exit();
    resolutions.add(pos, 0);
    return weight;
  }

  private long enumConstant(int depth) {
    StreamClass described = classDescriptor(depth);
    if (described == null || !described.isEnum()) {
      throw malformed("an enum constant without an enum class descriptor");
    }
    handles.add(Handles.LEAF, 1, -1);
    int tag = u1();
    if (tag != TC_STRING && tag != TC_LONGSTRING) {
      throw malformed("an enum constant without a name");
    }
    string(tag);
    resolutions.add(pos, 0);
    return 1;
  }

  /** Mirrors ObjectInputStream.readOrdinaryObject, readSerialData and readExternalData. */
  private long object(int depth, boolean hashed) {
    StreamClass described = classDescriptor(depth);
    if (described == null || described.isEnum() || NOT_OBJECTS.contains(described.name)) {
      throw malformed("an object without a valid class descriptor");
    }
    int handle = handles.add(Handles.OPEN, 0, -1);
    weights.enter(handle, described.name, hashed);
    weights.add(1);
    if (described.isExternalizable()) {
      customData(described.name, HashWork.rule(described.name), depth);
    } else {
      for (StreamClass slot : described.topDown()) {
        fields(slot, depth);
        if (slot.writesCustomData()) {
          customData(slot.name, HashWork.rule(slot.name), depth);
        }
      }
    }
    long weight = weights.exit();
    resolutions.add(pos, 0);
    // a readResolve replacement is filtered here
    classChecks.add(pos, depth);
    return weight;
  }

  private void fields(StreamClass slot, int depth) {
    int start = pos;
    skip(slot.primitiveBytes);
    weights.add(slot.primitiveBytes);
    long objects = 0;
    for (int i = 0; i < slot.objectFields; i++) {
      objects = Saturating.plus(objects, content(depth + 1, false));
    }
    if (slot.name.equals(COPIES_LIST) && slot.countOffset >= 0) {
      // Collections.nCopies(n, e) walks e n times to hash, compare or iterate itself
      objects = Saturating.times(Math.max(0, intAt(start + slot.countOffset)), objects);
    }
    weights.add(objects);
  }

  /** Block data and objects up to TC_ENDBLOCKDATA, as skipCustomData (or a conforming readObject) reads them. */
  private void customData(String className, HashWork.Rule rule, int depth) {
    long all = 0;
    long even = 0;
    int count = 0;
    for (;;) {
      int tag = peek();
      if (tag == TC_BLOCKDATA) {
        pos++;
        int length = u1();
        skip(length);
        weights.add(2 + length);
      } else if (tag == TC_BLOCKDATALONG) {
        pos++;
        int length = s4();
        if (length < 0) {
          throw malformed("block data of negative length");
        }
        skip(length);
        weights.add(5L + length);
      } else if (tag == TC_ENDBLOCKDATA) {
        pos++;
        break;
      } else {
        boolean hashes = HashWork.hashes(rule, count);
        long weight = content(depth + 1, hashes);
        if (hashes && weights.lastLooping()) {
          throw Rejected.limit("hash-collection work: " + className + " would hash a reference cycle forever");
        }
        weights.add(weight);
        all = Saturating.plus(all, weight);
        if (count % 2 == 0) {
          even = Saturating.plus(even, weight);
        }
        count++;
      }
    }
    if (rule != HashWork.Rule.NONE) {
      hashWork.charge(className, rule, all, even, count);
    }
  }

  private static String componentName(String arrayName) {
    return switch (arrayName.charAt(1)) {
      case 'B' -> "byte";
      case 'Z' -> "boolean";
      case 'C' -> "char";
      case 'S' -> "short";
      case 'I' -> "int";
      case 'F' -> "float";
      case 'J' -> "long";
      case 'D' -> "double";
      case 'L' -> arrayName.substring(2, Math.max(2, arrayName.length() - 1));
      default -> arrayName.substring(1);
    };
  }

  private void checkDepth(int depth) {
    if (depth > BoundedInputFilter.MAX_DEPTH) {
      throw Rejected.limit("depth " + depth + " over the limit of " + BoundedInputFilter.MAX_DEPTH);
    }
  }

  private Rejected malformed(String what) {
    return Rejected.malformed(pos, what);
  }

  private void need(long count) {
    if (count > bytes.length - pos) {
      throw malformed("truncated: " + count + " more bytes needed, " + (bytes.length - pos) + " remain");
    }
  }

  private void skip(long count) {
    need(count);
    pos += (int) count;
  }

  private int peek() {
    need(1);
    return bytes[pos] & 0xFF;
  }

  private int u1() {
    need(1);
    return bytes[pos++] & 0xFF;
  }

  private int u2() {
    need(2);
    int value = (bytes[pos] & 0xFF) << 8 | bytes[pos + 1] & 0xFF;
    pos += 2;
    return value;
  }

  private int s2() {
    return (short) u2();
  }

  private int s4() {
    need(4);
    int value = intAt(pos);
    pos += 4;
    return value;
  }

  private long s8() {
    long high = s4();
    return high << 32 | s4() & 0xFFFFFFFFL;
  }

  private int intAt(int at) {
    return (bytes[at] & 0xFF) << 24 | (bytes[at + 1] & 0xFF) << 16 | (bytes[at + 2] & 0xFF) << 8 | bytes[at + 3] & 0xFF;
  }

  /** A class or field name, in the stream's modified UTF-8. */
  private String utf() {
    int start = pos;
    skip(u2());
    try {
      return new DataInputStream(new ByteArrayInputStream(bytes, start, pos - start)).readUTF();
    } catch (IOException e) {
      throw Rejected.malformed(start, "a name that is not modified UTF-8");
    }
  }
}
