package io.github.dualcache.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.dualcache.config.CodecType;
import org.junit.jupiter.api.Timeout;

class RawCodecFuzzTest {
  private final Codec codec = Codecs.forCache(CodecType.RAW, RawCodecFuzzTest.class.getClassLoader(), null,
      String.class, String.class).values();

  // one input longer than 5 s is a finding (Jazzer passes it to libFuzzer as -timeout)
  @Timeout(5)
  @FuzzTest(maxDuration = "10m")
  void decode(byte[] bytes) {
    FuzzContract.decodeOrRefuse(codec, bytes);
  }
}
