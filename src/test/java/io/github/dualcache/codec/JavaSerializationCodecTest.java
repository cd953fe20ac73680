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

  @Test
  void roundTripsJdkValueTypes() {
    Codec codec = new JavaSerializationCodec(loader, "", Set.of());
    Object value = new ArrayList<>(List.of(1L, "two", Map.of("three", 3.0)));
    assertEquals(value, codec.decode(codec.encode(value)));
  }

  @Test
  void refusesClassesOutsideTheAllowListWithoutRunningThem() {
    Gadget.deserialized = false;
    byte[] bytes = new JavaSerializationCodec(loader, "", Set.of()).encode(new ArrayList<>(List.of(new Gadget())));
    CodecException error = assertThrows(CodecException.class,
        () -> new JavaSerializationCodec(loader, "", Set.of()).decode(bytes));
    assertFalse(Gadget.deserialized);
    assertTrue(error.getMessage().contains("class " + Gadget.class.getName() + " is not trusted")
        && error.getMessage().contains("dualcache.codec.allow"), error.getMessage());
  }

  @Test
  void admitsDeclaredTypesAndConfiguredPatterns() {
    Customer customer = new Customer("ada");
    byte[] bytes = new JavaSerializationCodec(loader, "", Set.of()).encode(customer);
    assertEquals(customer, new JavaSerializationCodec(loader, "", Set.of(Customer.class)).decode(bytes));
    assertEquals(customer, new JavaSerializationCodec(loader, "io.github.dualcache.codec.*", Set.of()).decode(bytes));
    assertThrows(CodecException.class, () -> new JavaSerializationCodec(loader, "", Set.of()).decode(bytes));
  }

  @Test
  void deepNestingIsRefused() {
    List<Object> nested = new ArrayList<>();
    List<Object> current = nested;
    for (int i = 0; i < 200; i++) {
      List<Object> inner = new ArrayList<>();
      current.add(inner);
      current = inner;
    }
    Codec codec = new JavaSerializationCodec(loader, "", Set.of());
    assertThrows(CodecException.class, () -> codec.decode(codec.encode(nested)));
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
