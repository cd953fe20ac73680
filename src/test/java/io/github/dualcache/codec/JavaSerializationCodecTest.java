package io.github.dualcache.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JavaSerializationCodecTest {
  private final ClassLoader loader = getClass().getClassLoader();

  /** Records whether deserialization ever ran its code. */
  static final class Gadget implements Serializable {
    private static final long serialVersionUID = 1L;
    static volatile boolean deserialized;

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      deserialized = true;
      in.defaultReadObject();
    }
  }

  record Customer(String name) implements Serializable {}

  /** Never written through the codec in this JVM: only {@link #writtenElsewhere} makes its bytes. */
  record Stranger(String name) implements Serializable {}

  private static byte[] writtenElsewhere(Object value) {
    return HostileStreams.serialize(value);
  }

  @Test
  void roundTripsJdkValueTypes() {
    Codec codec = new JavaSerializationCodec(loader, "", Set.of());
    Object value = new ArrayList<>(List.of(1L, "two", Map.of("three", 3.0)));
    assertEquals(value, codec.decode(codec.encode(value)));
  }

  @Test
  void refusesClassesOutsideTheAllowListWithoutRunningThem() {
    Gadget.deserialized = false;
    byte[] bytes = writtenElsewhere(new ArrayList<>(List.of(new Gadget())));
    CodecException error = assertThrows(CodecException.class,
        () -> new JavaSerializationCodec(loader, "", Set.of()).decode(bytes));
    assertFalse(Gadget.deserialized);
    assertTrue(error.getMessage().contains("class " + Gadget.class.getName() + " is not trusted")
        && error.getMessage().contains("dualcache.codec.allow"), error.getMessage());
  }

  @Test
  void admitsDeclaredTypesAndConfiguredPatterns() {
    Stranger stranger = new Stranger("ada");
    byte[] bytes = writtenElsewhere(stranger);
    assertThrows(CodecException.class, () -> new JavaSerializationCodec(loader, "", Set.of()).decode(bytes));
    assertEquals(stranger, new JavaSerializationCodec(loader, "", Set.of(Stranger.class)).decode(bytes));
    assertEquals(stranger, new JavaSerializationCodec(loader, "io.github.dualcache.codec.*", Set.of()).decode(bytes));
  }

  /** The trust model: a class becomes readable by being written here, never by being named in bytes. */
  record Learned(String name, Learned.Part part) implements Serializable {
    record Part(int[] numbers) implements Serializable {}
  }

  @Test
  void trustsWhatThisJvmWroteAndNothingElse() {
    Learned value = new Learned("mine", new Learned.Part(new int[] {1, 2}));
    byte[] planted = writtenElsewhere(value);
    CodecException refused = assertThrows(CodecException.class,
        () -> new JavaSerializationCodec(loader, "", Set.of()).decode(planted));
    assertEquals(Learned.class.getName(), refused.untrustedClass());
    assertTrue(refused.getMessage().contains("dualcache.codec.allow=" + Learned.class.getName()), refused.getMessage());

    Codec codec = new JavaSerializationCodec(loader, "", Set.of());
    byte[] mine = codec.encode(value);
    Learned read = (Learned) codec.decode(mine);
    assertEquals("mine", read.name());
    // what another JVM wrote is now readable too: same classes, same bytes
    assertEquals("mine", ((Learned) new JavaSerializationCodec(loader, "", Set.of()).decode(planted)).name());
  }

  /** Hibernate's cache entries hold a {@code Serializable[]}: an array class written here is trusted. */
  @Test
  void anArrayOfAnInterfaceThisJvmWroteIsTrusted() {
    Serializable[] state = {"a", 1L, new Learned.Part(new int[0])};
    Codec codec = new JavaSerializationCodec(loader, "", Set.of());
    Serializable[] read = (Serializable[]) codec.decode(codec.encode(state));
    assertEquals("a", read[0]);
  }

  @Test
  void garbageIsACodecException() {
    Codec codec = new JavaSerializationCodec(loader, "", Set.of());
    assertThrows(CodecException.class, () -> codec.decode(new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5, 1, 2, 3}));
  }

  @Test
  void nonSerializableValuesAreRejectedClearly() {
    Codec codec = new JavaSerializationCodec(loader, "", Set.of());
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> codec.encode(new Object()));
    assertTrue(error.getMessage().contains("java.lang.Object"), error.getMessage());
  }
}
