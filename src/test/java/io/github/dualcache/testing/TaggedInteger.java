package io.github.dualcache.testing;

import java.math.BigInteger;

/**
 * A key equal to a {@link BigInteger} by BigInteger's own {@code equals}, but of a mutable
 * subclass: BigInteger is immutable and not final, and this class encodes to other bytes.
 */
public final class TaggedInteger extends BigInteger {
  private static final long serialVersionUID = 1L;
  public String tag = "";

  public TaggedInteger(String value) {
    super(value);
  }
}
