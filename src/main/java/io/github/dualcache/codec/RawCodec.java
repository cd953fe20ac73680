package io.github.dualcache.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code String}, {@code byte[]} and boxed primitives as a type tag plus their plain bytes, so a
 * client in any language can read them.
 */
final class RawCodec implements Codec {
  private static final byte STRING = 's';
  private static final byte BYTES = 'b';
  private static final byte LONG = 'J';
  private static final byte INTEGER = 'I';
  private static final byte SHORT = 'S';
  private static final byte BYTE = 'B';
  private static final byte DOUBLE = 'D';
  private static final byte FLOAT = 'F';
  private static final byte BOOLEAN = 'Z';
  private static final byte CHARACTER = 'C';

  @Override
  public byte id() {
    return 2;
  }

  @Override
  public byte[] encode(Object value) {
    if (value instanceof String s) {
      return tagged(STRING, s.getBytes(StandardCharsets.UTF_8));
    } else if (value instanceof byte[] b) {
      return tagged(BYTES, b);
    } else if (value instanceof Long l) {
      return tagged(LONG, ByteBuffer.allocate(8).putLong(l).array());
    } else if (value instanceof Integer i) {
      return tagged(INTEGER, ByteBuffer.allocate(4).putInt(i).array());
    } else if (value instanceof Short s) {
      return tagged(SHORT, ByteBuffer.allocate(2).putShort(s).array());
    } else if (value instanceof Byte b) {
      return new byte[] {BYTE, b};
    } else if (value instanceof Double d) {
      return tagged(DOUBLE, ByteBuffer.allocate(8).putDouble(d).array());
    } else if (value instanceof Float f) {
      return tagged(FLOAT, ByteBuffer.allocate(4).putFloat(f).array());
    } else if (value instanceof Boolean b) {
      return new byte[] {BOOLEAN, (byte) (b ? 1 : 0)};
    } else if (value instanceof Character c) {
      return tagged(CHARACTER, ByteBuffer.allocate(2).putChar(c).array());
    }
    throw new IllegalArgumentException("The raw codec stores String, byte[] and boxed primitives, not "
        + value.getClass().getName() + "; use dualcache.codec=java");
  }

  @Override
  public Object decode(byte[] bytes) {
    if (bytes.length == 0) {
      throw new CodecException("Empty raw value");
    }
    byte[] body = Arrays.copyOfRange(bytes, 1, bytes.length);
    ByteBuffer buffer = ByteBuffer.wrap(body);
    return switch (bytes[0]) {
      case STRING -> new String(body, StandardCharsets.UTF_8);
      case BYTES -> body;
      case LONG -> fixed(buffer, 8).getLong();
      case INTEGER -> fixed(buffer, 4).getInt();
      case SHORT -> fixed(buffer, 2).getShort();
      case BYTE -> fixed(buffer, 1).get();
      case DOUBLE -> fixed(buffer, 8).getDouble();
      case FLOAT -> fixed(buffer, 4).getFloat();
      case BOOLEAN -> fixed(buffer, 1).get() != 0;
      case CHARACTER -> fixed(buffer, 2).getChar();
      default -> throw new CodecException("Unknown raw type tag " + bytes[0]);
    };
  }

  private static byte[] tagged(byte tag, byte[] body) {
    byte[] bytes = new byte[body.length + 1];
    bytes[0] = tag;
    System.arraycopy(body, 0, bytes, 1, body.length);
    return bytes;
  }

  private static ByteBuffer fixed(ByteBuffer buffer, int length) {
    if (buffer.remaining() != length) {
      throw new CodecException("Raw value of " + buffer.remaining() + " bytes where " + length + " were expected");
    }
    return buffer;
  }
}
