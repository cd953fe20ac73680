package io.github.dualcache.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.dualcache.config.CodecType;

class RawCodecFuzzTest {
  private final Codec codec = Codecs.forCache(CodecType.RAW, RawCodecFuzzTest.class.getClassLoader(), null,
      String.class, String.class).values();

  @FuzzTest(maxDuration = "10m")
  void decode(byte[] bytes) {
    FuzzContract.decodeOrRefuse(codec, bytes);
  }
}
