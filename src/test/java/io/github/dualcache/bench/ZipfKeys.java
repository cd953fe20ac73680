package io.github.dualcache.bench;

import java.util.Arrays;
import java.util.Random;

/**
 * Picks key indexes 0..n-1 with Zipf-distributed popularity (index i weighs 1/(i+1)^s), the shape
 * of a few hot keys among many; exponent 0 picks them uniformly.
 */
final class ZipfKeys {
  private final double[] cumulative;

  ZipfKeys(int keys, double exponent) {
    cumulative = new double[keys];
    double sum = 0;
    for (int i = 0; i < keys; i++) {
      sum += 1 / Math.pow(i + 1, exponent);
      cumulative[i] = sum;
    }
    for (int i = 0; i < keys; i++) {
      cumulative[i] /= sum;
    }
  }

  int next(Random random) {
    int index = Arrays.binarySearch(cumulative, random.nextDouble());
    return Math.min(cumulative.length - 1, index >= 0 ? index : -index - 1);
  }

  /** The share of all picks that go to the hottest {@code top} keys. */
  double share(int top) {
    return cumulative[Math.min(top, cumulative.length) - 1];
  }
}
