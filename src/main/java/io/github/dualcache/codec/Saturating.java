package io.github.dualcache.codec;

/** Arithmetic on non-negative work estimates that stops at Long.MAX_VALUE instead of wrapping around. */
final class Saturating {
  private Saturating() {}

  static long plus(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  static long times(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
  }
}
