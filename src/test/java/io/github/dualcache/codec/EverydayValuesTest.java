package io.github.dualcache.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.Externalizable;
import java.io.IOException;
import java.io.ObjectInput;
import java.io.ObjectInputStream;
import java.io.ObjectOutput;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.Vector;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever the JDK writes for ordinary values, the stream scan reads the way ObjectInputStream
 * does: none of these is refused, and each comes back equal (or, for types without equals, of the
 * same class).
 */
class EverydayValuesTest {
  /** Proxies and the locks inside blocking queues and ConcurrentHashMap are outside the default allow-list. */
  private static final String ALLOW =
      "io.github.dualcache.codec.**;java.lang.reflect.Proxy;jdk.proxy*;com.sun.proxy.*;java.util.concurrent.locks.*";
  private final Codec codec = new JavaSerializationCodec(getClass().getClassLoader(), ALLOW, Set.of());

  record Customer(String name, List<String> tags) implements Serializable {}

  /** Custom data: a count, then the items themselves. */
  static final class Basket implements Serializable {
    private static final long serialVersionUID = 1L;
    final String owner;
    transient List<Object> items = new ArrayList<>();

    Basket(String owner, Object... items) {
      this.owner = owner;
      this.items.addAll(Arrays.asList(items));
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
      out.defaultWriteObject();
      out.writeInt(items.size());
      out.writeUTF("marker");
      for (Object item : items) {
        out.writeObject(item);
      }
      out.writeLong(7);
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      int count = in.readInt();
      in.readUTF();
      items = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        items.add(in.readObject());
      }
      in.readLong();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Basket b && owner.equals(b.owner) && items.equals(b.items);
    }

    @Override
    public int hashCode() {
      return owner.hashCode();
    }
  }

  /** Validates in readObject without writing anything extra. */
  static class Account implements Serializable {
    private static final long serialVersionUID = 1L;
    long balance;
    String currency = "EUR";

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      if (currency == null) {
        throw new IOException("no currency");
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Account a && a.getClass() == getClass() && balance == a.balance && currency.equals(a.currency);
    }

    @Override
    public int hashCode() {
      return Long.hashCode(balance);
    }
  }

  static final class SavingsAccount extends Account {
    private static final long serialVersionUID = 1L;
    double rate = 0.02;
    final Map<String, Integer> history = new TreeMap<>(Map.of("2024", 3));
  }

  public static final class Point implements Externalizable {
    private static final long serialVersionUID = 1L;
    int x;
    String label;

    public Point() {}

    Point(int x, String label) {
      this.x = x;
      this.label = label;
    }

    @Override
    public void writeExternal(ObjectOutput out) throws IOException {
      out.writeInt(x);
      out.writeObject(label);
      out.writeObject(List.of(label, label));
    }

    @Override
    public void readExternal(ObjectInput in) throws IOException, ClassNotFoundException {
      x = in.readInt();
      label = (String) in.readObject();
      in.readObject();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Point p && x == p.x && Objects.equals(label, p.label);
    }

    @Override
    public int hashCode() {
      return x;
    }
  }

  /** An entity graph: children in a HashSet, each pointing back at its parent; hashCode by id. */
  static final class Node implements Serializable {
    private static final long serialVersionUID = 1L;
    final int id;
    final String name;
    Node parent;
    final Set<Node> children = new HashSet<>();
    final List<Node> siblings = new ArrayList<>();

    Node(int id, String name) {
      this.id = id;
      this.name = name;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Node n && n.id == id;
    }

    @Override
    public int hashCode() {
      return id;
    }
  }

  public interface Greeter {
    String greet();
  }

  static final class Greeting implements InvocationHandler, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      return method.getName().equals("greet") ? "hello" : null;
    }
  }

  static Stream<Object> values() {
    List<String> shared = new ArrayList<>(List.of("a", "b"));
    ArrayList<Object> selfContaining = new ArrayList<>(List.of("x"));
    selfContaining.add(selfContaining);
    Node root = new Node(1, "root");
    for (int i = 2; i < 50; i++) {
      Node child = new Node(i, "child" + i);
      child.parent = root;
      root.children.add(child);
      root.siblings.add(child);
      child.siblings.add(root);
    }
    Map<String, Object> nested = new LinkedHashMap<>(Map.of("leaf", 1));
    for (int i = 0; i < 20; i++) {
      Map<String, Object> outer = new LinkedHashMap<>();
      outer.put("level" + i, nested);
      outer.put("list", List.of(i, "x"));
      nested = outer;
    }
    Properties properties = new Properties();
    properties.setProperty("k", "v");
    ArrayBlockingQueue<Integer> bounded = new ArrayBlockingQueue<>(8);
    bounded.add(1);
    BitSet bits = new BitSet();
    bits.set(3);
    bits.set(300);
    Object proxy = Proxy.newProxyInstance(EverydayValuesTest.class.getClassLoader(), new Class<?>[] {Greeter.class},
        new Greeting());
    return Stream.of("plain", "é✓\u0000", "x".repeat(70_000), 42, 42L, 3.5d, 'c', true, (byte) 1, (short) 2, 1.5f,
        new int[] {1, 2}, new int[2][3], new String[] {"a", null}, new Object[] {1, "x", null, new long[] {1}},
        new char[] {'a'}, new boolean[] {true}, new double[] {1}, new float[] {1}, new short[] {1}, new byte[0],
        new ArrayList<>(List.of(1, 2, 3)), new LinkedList<>(List.of(1, 2)), new Vector<>(List.of(1)),
        new ArrayDeque<>(List.of(1, 2)), new PriorityQueue<>(List.of(3, 1, 2)),
        new HashMap<>(Map.of("a", 1, "b", 2)), new LinkedHashMap<>(Map.of("a", 1)), new TreeMap<>(Map.of("a", 1, "b", 2)),
        new Hashtable<>(Map.of("a", 1)), properties, new IdentityHashMap<>(Map.of("a", 1)), new IdentityHashMap<>(),
        new EnumMap<>(Map.of(TimeUnit.SECONDS, 1)), new HashSet<>(List.of(1, 2)), new LinkedHashSet<>(List.of("a")),
        new TreeSet<>(List.of("b", "a")), EnumSet.of(TimeUnit.DAYS, TimeUnit.HOURS), new HashMap<>(), new HashSet<>(),
        List.of(1, 2), Set.of("a", "b"), Map.of("k", "v"), List.of(), Collections.emptyMap(),
        Collections.singletonList(1), Collections.unmodifiableList(new ArrayList<>(List.of(1))),
        Collections.synchronizedMap(new HashMap<>(Map.of(1, 2))), Collections.nCopies(3, "x"), Arrays.asList(1, 2, 3),
        new ConcurrentSkipListMap<>(Map.of("a", 1, "b", 2)), new ConcurrentSkipListSet<>(List.of(1, 2)),
        new ConcurrentHashMap<>(Map.of("a", 1, "b", 2)), new CopyOnWriteArrayList<>(List.of(1)), new CopyOnWriteArraySet<>(List.of(1)), new ConcurrentLinkedQueue<>(List.of(1)),
        new LinkedBlockingQueue<>(List.of(1)), bounded, new PriorityBlockingQueue<>(List.of(2, 1)),
        new AtomicInteger(3), new AtomicReference<>("r"), new AtomicLongArray(3), new BigInteger("123456789012345678901234567890"),
        new BigDecimal("1.50"), UUID.randomUUID(), URI.create("http://example.com/a?b"), new Date(0), Locale.FRANCE, bits,
        new StringBuilder("sb"), Instant.ofEpochSecond(5), LocalDate.of(2024, 1, 2),
        ZonedDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneId.of("Europe/Paris")), Duration.ofSeconds(5), Period.ofDays(2),
        ZoneOffset.UTC, YearMonth.of(2024, 2), TimeUnit.SECONDS, new Customer("ada", List.of("vip")),
        new Basket("bob", 1, "two", List.of(3), null), new Account(), new SavingsAccount(), new Point(3, "p"),
        new IllegalStateException("boom", new RuntimeException("cause")), new ArrayList<>(List.of(shared, shared)),
        selfContaining, root, nested, proxy, new HashMap<>(Map.of(new Customer("k", List.of()), shared)));
  }

  @ParameterizedTest
  @MethodSource("values")
  void readsBackWhatTheJdkWrites(Object value) {
    Object read = codec.decode(codec.encode(value));
    assertSame(value.getClass(), read.getClass());
    if (value instanceof Object[] array) {
      assertArrayEquals(array, (Object[]) read);
    } else if (value.getClass().isArray()) {
      assertEquals(Arrays.deepToString(new Object[] {value}), Arrays.deepToString(new Object[] {read}));
    } else if (hasValueEquality(value)) {
      assertEquals(value, read);
    }
  }

  private static boolean hasValueEquality(Object value) {
    String name = value.getClass().getName();
    return !(value instanceof Throwable || value instanceof StringBuilder || value instanceof Proxy || value instanceof Node
        || value instanceof java.util.Queue || value instanceof IdentityHashMap || name.startsWith("java.util.concurrent.atomic")
        || value instanceof ArrayList<?> list && list.contains(list));
  }

  @Test
  void aProxyStillWorksAfterwards() {
    Greeter proxy = (Greeter) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Greeter.class},
        new Greeting());
    assertEquals("hello", ((Greeter) codec.decode(codec.encode(proxy))).greet());
  }

  @Test
  void anEntityGraphKeepsItsCycles() {
    Node root = (Node) values().filter(Node.class::isInstance).findFirst().orElseThrow();
    Node read = (Node) codec.decode(codec.encode(root));
    assertEquals(48, read.children.size());
    for (Node child : read.children) {
      assertSame(read, child.parent);
    }
  }
}
