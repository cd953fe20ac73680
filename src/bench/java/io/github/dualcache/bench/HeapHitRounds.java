package io.github.dualcache.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The heap hit of one kind of value, dualcache against Caffeine, over rounds that alternate the
 * two caches. The difference in question is a few percent, less than a shared machine's speed
 * drifts in the minutes one JMH run per cache takes, so each round's ratio compares two runs made
 * one right after the other, and the rounds are summed up by the geometric mean of their ratios.
 *
 * @param ours dualcache's time in each round, in nanoseconds
 * @param theirs Caffeine's time in the same rounds
 */
record HeapHitRounds(String value, List<Double> ours, List<Double> theirs) {

  /** Every kind of value measured for both caches in at least one round, in the order first measured. */
  static List<HeapHitRounds> of(JmhResults jmh) {
    List<JmhResults.Row> rows = jmh.rowsOf("HeapHitBenchmark");
    List<Integer> rounds = rows.stream().map(JmhResults.Row::round).distinct().sorted().toList();
    List<HeapHitRounds> kinds = new ArrayList<>();
    for (String value : rows.stream().map(r -> r.params().get("value")).distinct().toList()) {
      List<Double> ours = new ArrayList<>();
      List<Double> theirs = new ArrayList<>();
      for (int round : rounds) {
        Optional<JmhResults.Row> a = find(rows, value, "dualcache", round);
        Optional<JmhResults.Row> b = find(rows, value, "caffeine", round);
        if (a.isPresent() && b.isPresent()) {
          ours.add(a.get().score());
          theirs.add(b.get().score());
        }
      }
      if (!ours.isEmpty()) {
        kinds.add(new HeapHitRounds(value, ours, theirs));
      }
    }
    return kinds;
  }

  private static Optional<JmhResults.Row> find(List<JmhResults.Row> rows, String value, String provider, int round) {
    return rows.stream().filter(r -> r.round() == round && r.params().get("value").equals(value)
        && r.params().get("provider").equals(provider)).findFirst();
  }

  int rounds() {
    return ours.size();
  }

  /** dualcache's time over Caffeine's, round by round. */
  List<Double> ratios() {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < ours.size(); i++) {
      ratios.add(ours.get(i) / theirs.get(i));
    }
    return ratios;
  }

  double geometricMean() {
    return Math.exp(ratios().stream().mapToDouble(Math::log).average().orElse(Double.NaN));
  }

  double lowestRatio() {
    return Collections.min(ratios());
  }

  double highestRatio() {
    return Collections.max(ratios());
  }
}
