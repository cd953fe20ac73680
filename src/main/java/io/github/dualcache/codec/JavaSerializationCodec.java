package io.github.dualcache.codec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.Set;

/**
 * JDK serialization, which JCache's store-by-value needs for any {@code Serializable}. Reading goes
 * through an {@link ObjectInputFilter}: only allow-listed classes, bounded depth, references and
 * array sizes, so hostile bytes planted in memcached cannot run gadget chains or exhaust memory.
 */
final class JavaSerializationCodec implements Codec {
  /** JDK value types that carry no behaviour on deserialization worth fearing. */
  static final String DEFAULT_ALLOW =
      "java.lang.*;java.util.*;java.util.concurrent.*;java.util.concurrent.atomic.*;java.time.*;java.math.*;java.net.URI";
  private static final long MAX_DEPTH = 64;
  private static final long MAX_REFERENCES = 1_000_000;
  private static final long MAX_ARRAY_LENGTH = 16 * 1024 * 1024;

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
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
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
    try (ObjectInputStream in = new FilteredInput(new ByteArrayInputStream(bytes), bytes.length)) {
      return in.readObject();
    } catch (InvalidClassException e) {
      throw new CodecException("Refused to deserialize: " + e.getMessage()
          + " (not in the allow-list; see dualcache.codec.allow)", e);
    } catch (IOException | ClassNotFoundException | RuntimeException e) {
      throw new CodecException("Malformed serialized value: " + e, e);
    }
  }

  private ObjectInputFilter.Status check(ObjectInputFilter.FilterInfo info, long maxBytes) {
    if (info.depth() > MAX_DEPTH || info.references() > MAX_REFERENCES || info.streamBytes() > maxBytes
        || info.arrayLength() > MAX_ARRAY_LENGTH) {
      return ObjectInputFilter.Status.REJECTED;
    }
    Class<?> type = info.serialClass();
    if (type == null) {
      return ObjectInputFilter.Status.UNDECIDED;
    }
    while (type.isArray()) {
      type = type.getComponentType();
    }
    if (type.isPrimitive() || declaredTypes.contains(type)) {
      return ObjectInputFilter.Status.ALLOWED;
    }
    ObjectInputFilter.Status status = allowList.checkInput(new ClassOnly(type, info));
    return status == ObjectInputFilter.Status.ALLOWED ? status : ObjectInputFilter.Status.REJECTED;
  }

  /** Resolves classes through the CacheManager's class loader, as the spec requires. */
  private final class FilteredInput extends ObjectInputStream {
    FilteredInput(InputStream in, long maxBytes) throws IOException {
      super(in);
      setObjectInputFilter(info -> check(info, maxBytes));
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      try {
        return Class.forName(desc.getName(), false, classLoader);
      } catch (ClassNotFoundException e) {
        return super.resolveClass(desc);
      }
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
