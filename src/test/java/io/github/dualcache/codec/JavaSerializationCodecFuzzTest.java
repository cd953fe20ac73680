package io.github.dualcache.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.dualcache.config.CodecType;
import org.junit.jupiter.api.Timeout;

/** The JDK codec with the default trust settings (no extra allow list, Object keys and values). */
class JavaSerializationCodecFuzzTest {
  private final Codec codec = Codecs.forCache(CodecType.JAVA, JavaSerializationCodecFuzzTest.class.getClassLoader(),
      null, Object.class, Object.class).values();

  // one input longer than 5 s is a finding (Jazzer passes it to libFuzzer as -timeout)
  @Timeout(5)
  @FuzzTest(maxDuration = "10m")
  void decode(byte[] bytes) {
    FuzzContract.decodeOrRefuse(codec, bytes);
  }
}
