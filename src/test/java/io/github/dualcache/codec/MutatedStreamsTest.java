package io.github.dualcache.codec;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Valid streams with bytes flipped, inserted or cut: each still decodes to a value or a CodecException, quickly. */
class MutatedStreamsTest {
  private final Codec codec = new JavaSerializationCodec(getClass().getClassLoader(), "io.github.dualcache.codec.*", Set.of());

  record Entry(String key, List<Object> values) implements java.io.Serializable {}

  @Test
  void mutatedStreamsAreValuesOrCodecExceptions() {
    List<Object> shared = new ArrayList<>(List.of("s", 1));
    List<byte[]> originals = List.of(
        codec.encode(new HashMap<>(Map.of("a", List.of(1, 2), "b", new LinkedHashSet<>(List.of("x", shared))))),
        codec.encode(new ArrayList<>(List.of(shared, shared, new long[] {1, 2}, TimeUnit.DAYS, LocalDate.of(2024, 1, 1)))),
        codec.encode(new Entry("k", new ArrayList<>(List.of(new TreeMap<>(Map.of(1, "one")), new int[3][2])))),
        codec.encode(Set.of(List.of(1), Map.of("m", 2))));
    Random random = new Random(20240601);
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
      for (int i = 0; i < 20_000; i++) {
        byte[] original = originals.get(random.nextInt(originals.size()));
        decodeOrRefuse(mutate(original, random));
      }
    });
  }

  private void decodeOrRefuse(byte[] bytes) {
    try {
      codec.decode(bytes);
    } catch (CodecException e) {
      for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
        StackTraceElement[] trace = cause.getStackTrace();
        if (!(cause instanceof Rejected) && trace.length > 0 && trace[0].getClassName().startsWith(getClass().getPackageName())) {
          fail("the codec itself threw on " + Arrays.toString(bytes), e);
        }
      }
    }
  }

  private static byte[] mutate(byte[] original, Random random) {
    byte[] bytes = original.clone();
    switch (random.nextInt(4)) {
      case 0 -> {
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
          bytes[4 + random.nextInt(bytes.length - 4)] = (byte) random.nextInt(256);
        }
      }
      case 1 -> bytes = Arrays.copyOf(bytes, 4 + random.nextInt(bytes.length - 4));
      case 2 -> {
        int at = 4 + random.nextInt(bytes.length - 4);
        byte[] longer = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, longer, 0, at);
        longer[at] = (byte) random.nextInt(256);
        System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
        bytes = longer;
      }
      default -> {
        // a plausible lie: an int somewhere replaced by a large count
        int at = 4 + random.nextInt(bytes.length - 8);
        java.nio.ByteBuffer.wrap(bytes).putInt(at, 1 << (8 + random.nextInt(22)));
      }
    }
    return bytes;
  }
}
