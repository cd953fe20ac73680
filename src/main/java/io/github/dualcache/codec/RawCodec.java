package io.github.dualcache.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code String}, {@code byte[]} and boxed primitives as a type tag plus their plain bytes, so a
 * client in any language can read them. Every value round-trips exactly: a well-formed string is
 * tagged {@code s} and stored as UTF-8, as before; a string with an unpaired surrogate, which UTF-8
 * cannot carry (Java's encoder turns it into {@code ?}, so distinct keys collided), is tagged
 * {@code u} and stored as its UTF-16 code units, big-endian. Entries written before {@code u}
 * existed are read as they were stored; a reader that predates it treats a {@code u} entry as
 * unreadable, that is as a miss.
 */
final class RawCodec implements Codec {
  private static final byte STRING = 's';
  private static final byte UTF16_STRING = 'u';
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
      return isWellFormed(s) ? tagged(STRING, s.getBytes(StandardCharsets.UTF_8)) : tagged(UTF16_STRING, utf16(s));
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
      case STRING -> utf8(body);
      case UTF16_STRING -> utf16(body);
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

  private static boolean isWellFormed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  private static byte[] utf16(String s) {
    ByteBuffer bytes = ByteBuffer.allocate(s.length() * 2);
    bytes.asCharBuffer().put(s);
    return bytes.array();
  }

  /** Strict: bytes that are not UTF-8 are refused rather than replaced, so distinct bytes never read as one string. */
  private static String utf8(byte[] body) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new CodecException("Raw string value is not valid UTF-8: " + e, e);
    }
  }

  private static String utf16(byte[] body) {
    if (body.length % 2 != 0) {
      throw new CodecException("Raw UTF-16 string value of " + body.length + " bytes, an odd number");
    }
    CharBuffer chars = ByteBuffer.wrap(body).asCharBuffer();
    String s = chars.toString();
    if (isWellFormed(s)) {
      throw new CodecException("Raw UTF-16 string value holds a well-formed string, which is always written as UTF-8");
    }
    return s;
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
