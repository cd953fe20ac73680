package io.github.dualcache.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.Set;

/**
 * JDK serialization, which JCache's store-by-value needs for any {@code Serializable}. Reading
 * scans the stream's structure first ({@link StreamScan}) and then reads it through a
 * {@link BoundedInputFilter}: only trusted classes, and work bounded by the bytes read, so hostile
 * bytes planted in memcached cannot run gadget chains, exhaust memory or spin the reader.
 *
 * <p>Trusted, with no setting: the classes this JVM has itself written ({@link WrittenClasses},
 * learned on write, so a class is never trusted because bytes in memcached name it), the cache's
 * declared key and value types, and JDK value types; plus {@code dualcache.codec.allow}.
 */
final class JavaSerializationCodec implements Codec {
  /** JDK value types that carry no behaviour on deserialization worth fearing. */
  static final String DEFAULT_ALLOW =
      "java.lang.*;java.util.*;java.util.concurrent.*;java.util.concurrent.atomic.*;java.util.concurrent.locks.*;"
          + "java.time.*;java.math.*;java.net.URI";

  private final ClassLoader classLoader;
  private final ObjectInputFilter allowList;
  private final Set<Class<?>> declaredTypes;

  JavaSerializationCodec(ClassLoader classLoader, String extraAllow, Set<Class<?>> declaredTypes) {
    this.classLoader = classLoader;
    this.declaredTypes = Set.copyOf(declaredTypes);
    String patterns = extraAllow == null || extraAllow.isBlank() ? DEFAULT_ALLOW : DEFAULT_ALLOW + ";" + extraAllow;
    this.allowList = ObjectInputFilter.Config.createFilter(patterns);
  }

  @Override
  public byte id() {
    return 1;
  }

  @Override
  public byte[] encode(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new WrittenClasses.LearningOutput(bytes)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw new IllegalArgumentException("Cannot store " + value.getClass().getName()
          + " by value: " + e.getMessage() + " is not Serializable", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("Cannot serialize " + value.getClass().getName() + ": " + e, e);
    }
    return bytes.toByteArray();
  }

  @Override
  public Object decode(byte[] bytes) {
    BoundedInputFilter filter = null;
    try {
      filter = new BoundedInputFilter(StreamScan.of(bytes), bytes.length, this::trust);
      try (FilteredInput in = new FilteredInput(new PositionedBytes(bytes), filter)) {
        Object value = in.readObject();
        if (filter.rejection() != null) {
          throw filter.rejection();
        }
        return value;
      }
    } catch (Rejected e) {
      throw new CodecException(e.getMessage(), e, e.untrustedClass());
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      Rejected rejected = filter == null ? null : filter.rejection();
      throw rejected != null
          ? new CodecException(rejected.getMessage(), e, rejected.untrustedClass())
          : new CodecException("Malformed serialized value: " + e, e);
    } catch (StackOverflowError e) {
      // the scan bounds the reader's own recursion; this is a hashCode or readObject of an allowed class
      throw new CodecException("Refused to deserialize: a hashCode or readObject of a class in it recursed until the "
          + "stack overflowed (a reference cycle through a class whose hashCode follows it?)", e);
    }
  }

  /**
   * Whether the class may be deserialized: a class this JVM has written itself (arrays too: a
   * {@code Serializable[]} it wrote), or whose element class is primitive, a declared key or value
   * type, written by this JVM, a JDK value type or in {@code dualcache.codec.allow}.
   */
  private ObjectInputFilter.Status trust(ObjectInputFilter.FilterInfo info) {
    Class<?> type = info.serialClass();
    if (type == null) {
      return ObjectInputFilter.Status.UNDECIDED;
    }
    if (WrittenClasses.contains(type)) {
      return ObjectInputFilter.Status.ALLOWED;
    }
    while (type.isArray()) {
      type = type.getComponentType();
    }
    if (type.isPrimitive() || declaredTypes.contains(type) || WrittenClasses.contains(type)) {
      return ObjectInputFilter.Status.ALLOWED;
    }
    ObjectInputFilter.Status status = allowList.checkInput(new ClassOnly(type, info));
    return status == ObjectInputFilter.Status.ALLOWED ? status : ObjectInputFilter.Status.REJECTED;
  }

  /** Resolves classes through the CacheManager's class loader, as the spec requires. */
  private final class FilteredInput extends ObjectInputStream {
    private final PositionedBytes source;
    private final BoundedInputFilter filter;

    FilteredInput(PositionedBytes source, BoundedInputFilter filter) throws IOException {
      super(source);
      this.source = source;
      this.filter = filter;
      setObjectInputFilter(filter);
      enableResolveObject(true);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, classLoader);
      } catch (ClassNotFoundException e) {
        try {
          return super.resolveClass(desc);
        } catch (ClassNotFoundException notFound) {
          // refused outright: the reader would otherwise go on reading the unknown class's data
          throw filter.reject(Rejected.limit("class " + desc.getName() + " cannot be found by the cache manager's "
              + "class loader"));
        }
      }
    }

    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) throws IOException, ClassNotFoundException {
      try {
        return super.resolveProxyClass(interfaces);
      } catch (ClassNotFoundException e) {
        throw filter.reject(Rejected.limit("the interfaces " + String.join(", ", interfaces)
            + " of a proxy class cannot be found"));
      }
    }

    /** Checks each finished object against the scan; replaces nothing. */
    @Override
    protected Object resolveObject(Object obj) {
      filter.finished(source.position());
      return obj;
    }
  }

  /** The stream's bytes, telling how many the reader has taken. */
  private static final class PositionedBytes extends ByteArrayInputStream {
    PositionedBytes(byte[] bytes) {
      super(bytes);
    }

    long position() {
      return pos;
    }
  }

  /** The same filter question about the array's element type. */
  private record ClassOnly(Class<?> serialClass, ObjectInputFilter.FilterInfo limits) implements ObjectInputFilter.FilterInfo {
    @Override
    public long arrayLength() {
      return -1;
    }

    @Override
    public long depth() {
      return limits.depth();
    }

    @Override
    public long references() {
      return limits.references();
    }

    @Override
    public long streamBytes() {
      return limits.streamBytes();
    }
  }
}
