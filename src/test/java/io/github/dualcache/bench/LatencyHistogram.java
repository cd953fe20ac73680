package io.github.dualcache.bench;

/**
 * Nanosecond latencies in log-linear buckets (32 per power of two, so a percentile is within about
 * 3%): millions of samples in a fixed 15 KB, one per thread, merged at the end. Not thread-safe.
 */
final class LatencyHistogram {
  private static final int SUB_BITS = 5;
  private static final int SUB = 1 << SUB_BITS;
  private static final int LINEAR = 2 * SUB;
  private static final int BUCKETS = LINEAR + (63 - SUB_BITS) * SUB;

  private final long[] counts = new long[BUCKETS];
  private long total;

  void record(long nanos) {
    counts[index(Math.max(0, nanos))]++;
    total++;
  }

  void add(LatencyHistogram other) {
    for (int i = 0; i < BUCKETS; i++) {
      counts[i] += other.counts[i];
    }
    total += other.total;
  }

  long count() {
    return total;
  }

  /** The latency below which a fraction {@code p} of the samples fall, in nanoseconds; 0 if empty. */
  long percentile(double p) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(p * total));
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return middleOf(i);
      }
    }
    return middleOf(BUCKETS - 1);
  }

  static int index(long value) {
    if (value < LINEAR) {
      return (int) value;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(value);
    int shift = exponent - SUB_BITS;
    int sub = (int) ((value >>> shift) & (SUB - 1));
    return LINEAR + (shift - 1) * SUB + sub;
  }

  static long lowerBound(int index) {
    if (index < LINEAR) {
      return index;
    }
    int shift = (index - LINEAR) / SUB + 1;
    int sub = (index - LINEAR) % SUB;
    return (long) (SUB + sub) << shift;
  }

  private static long middleOf(int index) {
    if (index < LINEAR) {
      return index;
    }
    int shift = (index - LINEAR) / SUB + 1;
    return lowerBound(index) + (1L << shift) / 2;
  }
}
