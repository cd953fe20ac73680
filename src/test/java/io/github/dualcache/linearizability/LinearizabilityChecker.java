package io.github.dualcache.linearizability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks that a history of cache operations is linearizable, key by key: each key is an independent register
 * (P-compositionality), searched by {@link KeySearch} once {@link OpaqueValues} has merged the values nothing tells
 * apart. Optionally reads may be stale by a bound, as with a local layer, while a JVM still reads its own writes
 * ({@link StaleReads}).
 *
 * <pre>{@code
 * Report report = new LinearizabilityChecker().withStaleness(Duration.ofMillis(300)).check(history);
 * assertTrue(report.linearizable(), report::toString);
 * }</pre>
 */
public final class LinearizabilityChecker {

  /** The default bound on states explored per key before the verdict is {@link Verdict#UNKNOWN}. */
  public static final long DEFAULT_MAX_STATES = 1_000_000;

  private final long stalenessNanos;
  private final long maxStates;

  /** A strict checker with the default bound. */
  public LinearizabilityChecker() {
    this(0, DEFAULT_MAX_STATES);
  }

  private LinearizabilityChecker(long stalenessNanos, long maxStates) {
    if (stalenessNanos < 0 || maxStates < 1) {
      throw new IllegalArgumentException("staleness " + stalenessNanos + " ns, max states " + maxStates);
    }
    this.stalenessNanos = stalenessNanos;
    this.maxStates = maxStates;
  }

  /** This checker letting {@code get} and {@code containsKey} read a value up to {@code bound} old. */
  public LinearizabilityChecker withStaleness(Duration bound) {
    return withStalenessNanos(bound.toNanos());
  }

  public LinearizabilityChecker withStalenessNanos(long boundNanos) {
    return new LinearizabilityChecker(boundNanos, maxStates);
  }

  /** This checker giving up on a key (verdict {@link Verdict#UNKNOWN}) after {@code maxStates} states. */
  public LinearizabilityChecker withMaxStates(long maxStates) {
    return new LinearizabilityChecker(stalenessNanos, maxStates);
  }

  /** Checks {@code history}, the operations of any number of processes on any number of keys, in any order. */
  public Report check(Collection<Operation> history) {
    long origin = history.stream().mapToLong(Operation::start).min().orElse(0);
    Map<String, List<Operation>> byKey = new TreeMap<>();
    for (Operation op : history) {
      byKey.computeIfAbsent(op.key(), key -> new ArrayList<>()).add(op);
    }
    List<KeyReport> keys = new ArrayList<>(byKey.size());
    byKey.forEach((key, ops) -> keys.add(checkKey(key, ops, origin)));
    return new Report(keys, stalenessNanos, maxStates);
  }

  private KeyReport checkKey(String key, List<Operation> ops, long origin) {
    long[] starts = StaleReads.starts(ops, stalenessNanos);
    OpaqueValues renamed = OpaqueValues.rename(ops);
    int[] ownWrites = StaleReads.ownWrites(ops, stalenessNanos);
    KeySearch.Result result = new KeySearch(renamed.ops(), starts, ownWrites, maxStates).run();
    String explanation = switch (result.verdict()) {
      case LINEARIZABLE -> "";
      case VIOLATION -> Excerpt.of(ops, starts, result.linearized(), result.stuck(),
          describe(result.stuckState(), renamed), origin);
      case UNKNOWN -> "  gave up: the search bound of " + maxStates
          + " states was reached before a linearization or a proof there is none (not a violation)\n";
    };
    int unknownOutcomes = (int) ops.stream().filter(Operation::threw).count();
    return new KeyReport(key, ops.size(), unknownOutcomes, result.verdict(), result.states(), explanation);
  }

  private static String describe(String state, OpaqueValues renamed) {
    if (state == null) {
      return "absent";
    }
    return renamed.isPlaceholder(state) ? "holding a value nothing reads" : "holding " + state;
  }
}
