package io.github.dualcache.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.dualcache.config.CodecType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/** The JSON codec for a cache declared with String keys and {@link Order} values. */
class JsonCodecFuzzTest {
  public record Line(String sku, int quantity, double price) {}

  public record Order(String id, long placedAt, List<Line> lines, Map<String, String> notes, boolean paid) {}

  private final Codecs.Pair codecs = Codecs.forCache(CodecType.JSON, JsonCodecFuzzTest.class.getClassLoader(), null,
      String.class, Order.class);

  // one input longer than 5 s is a finding (Jazzer passes it to libFuzzer as -timeout)
  @Timeout(5)
  @FuzzTest(maxDuration = "10m")
  void decodeString(byte[] bytes) {
    FuzzContract.decodeOrRefuse(codecs.keys(), bytes);
  }

  @Timeout(5)
  @FuzzTest(maxDuration = "10m")
  void decodeRecord(byte[] bytes) {
    FuzzContract.decodeOrRefuse(codecs.values(), bytes);
  }
}
