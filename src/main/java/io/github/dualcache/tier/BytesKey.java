package io.github.dualcache.tier;

import java.util.Arrays;

/** A serialized key as a map key: compared by content, its hash computed once. */
final class BytesKey {
  private final byte[] bytes;
  private final int hash;

  BytesKey(byte[] bytes) {
    this.bytes = bytes;
    this.hash = Arrays.hashCode(bytes);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BytesKey key && key.hash == hash && Arrays.equals(key.bytes, bytes);
  }

  @Override
  public int hashCode() {
    return hash;
  }
}
