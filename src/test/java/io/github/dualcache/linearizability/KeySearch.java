package io.github.dualcache.linearizability;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The Wing–Gong search for a linearization of one key's operations (an order of all of them that respects real time
 * and that the register accepts), with Lowe's memo of configurations already explored so that no (set of linearized
 * operations, register state) is searched twice.
 *
 * <p>The search is a depth-first walk, each step linearizing one operation that no pending operation precedes in
 * real time. Pending operations sit in dancing-links lists, by start and by end, so lifting one out and putting it
 * back on backtracking are O(1). A pending read that returns its result in the current state is the only step tried:
 * it changes nothing and nothing pending precedes it, so any linearization can be reordered to take it first.
 *
 * <p>A call that threw has no end: it may take effect at any point after its start, and if it is never linearized it
 * simply took no effect, so the search succeeds once every call that returned is linearized (a call that threw and
 * only reads can change nothing and is left out). As these calls could be applied at every step, the search skips
 * what can do nothing more than something else it tries:
 * <ul>
 *   <li>a configuration that differs from an explored one only in having applied more calls that threw (it could
 *       have left them out), for which calls that threw are tried after the calls that returned, so that the
 *       smaller is mostly met first;
 *   <li>applying a call that threw where it changes nothing, or right after another one whose effect it overwrites
 *       (applying it instead of the other gets there with less);
 *   <li>applying one of several pending calls that threw with the same effect (two increments) other than the
 *       earliest.
 * </ul>
 */
final class KeySearch {

  /** What one search found; {@code stuck} indexes the operations given, -1 unless the verdict is a violation. */
  record Result(Verdict verdict, long states, int linearized, int stuck, String stuckState) {}

  private static final int FRESH = -1;

  private final Operation[] ops;
  private final int[] original;
  private final long[] start;
  private final long[] end;
  private final boolean[] readOnly;
  /** The operation each must follow (a stale read, its own JVM's last write), or -1. */
  private final int[] after;
  private final boolean[] threw;
  private final int[] bit;
  /** For a call that threw, the previous one with the same effect, or -1. */
  private final int[] sameEffectBefore;
  /** Heads of the circular lists of pending operations by start: those that returned, and those that threw. */
  private final int returnedByStart;
  private final int threwByStart;
  private final int[] next;
  private final int[] prev;
  /** Head of the circular list of pending operations that returned, by end. */
  private final int byEnd;
  private final int[] nextByEnd;
  private final int[] prevByEnd;
  private final long[] returnedBits;
  private final long[] threwBits;
  private final long maxStates;
  /** For each explored configuration but the calls that threw, the sets of those linearized with it. */
  private final Map<Config, long[][]> memo = new HashMap<>();
  private long states;

  private String state;
  private int returnedLeft;
  private int depth;
  private final int[] pathOp;
  private final boolean[] pathForced;
  private final String[] pathState;
  private int deepest = -1;
  private int stuck = -1;
  private String stuckState;

  /**
   * {@code starts[i]} is when {@code ops.get(i)} may start linearizing (its start, or earlier for a stale read);
   * {@code mustFollow[i]} is the index of an operation that must be linearized before it, or -1.
   */
  KeySearch(List<Operation> ops, long[] starts, int[] mustFollow, long maxStates) {
    this.maxStates = maxStates;
    original = IntStream.range(0, ops.size())
        .filter(i -> !(ops.get(i).threw() && ops.get(i).type().isRead()))
        .boxed()
        .sorted(Comparator.<Integer>comparingLong(i -> starts[i]).thenComparingLong(i -> ops.get(i).end()))
        .mapToInt(Integer::intValue)
        .toArray();
    int n = original.length;
    this.ops = new Operation[n];
    start = new long[n];
    end = new long[n];
    readOnly = new boolean[n];
    threw = new boolean[n];
    bit = new int[n];
    sameEffectBefore = new int[n];
    Map<String, Integer> lastWithEffect = new HashMap<>();
    int returned = 0;
    int thrown = 0;
    for (int i = 0; i < n; i++) {
      Operation op = ops.get(original[i]);
      this.ops[i] = op;
      start[i] = starts[original[i]];
      threw[i] = op.threw();
      end[i] = threw[i] ? Long.MAX_VALUE : op.end();
      readOnly[i] = !threw[i] && !RegisterModel.mayWrite(op);
      bit[i] = threw[i] ? thrown++ : returned++;
      Integer before = threw[i] ? lastWithEffect.put(RegisterModel.effect(op), i) : null;
      sameEffectBefore[i] = before == null ? -1 : before;
    }
    returnedLeft = returned;
    returnedBits = new long[(returned + 63) / 64];
    threwBits = new long[(thrown + 63) / 64];

    returnedByStart = n;
    threwByStart = n + 1;
    next = new int[n + 2];
    prev = new int[n + 2];
    link(next, prev, returnedByStart, IntStream.range(0, n).filter(i -> !threw[i]).toArray());
    link(next, prev, threwByStart, IntStream.range(0, n).filter(i -> threw[i]).toArray());
    byEnd = n;
    nextByEnd = new int[n + 1];
    prevByEnd = new int[n + 1];
    link(nextByEnd, prevByEnd, byEnd, IntStream.range(0, n).filter(i -> !threw[i]).boxed()
        .sorted(Comparator.comparingLong(i -> end[i])).mapToInt(Integer::intValue).toArray());

    int[] renumbered = new int[ops.size()];
    Arrays.fill(renumbered, -1);
    for (int i = 0; i < n; i++) {
      renumbered[original[i]] = i;
    }
    after = new int[n];
    for (int i = 0; i < n; i++) {
      int before = mustFollow[original[i]];
      after[i] = before < 0 ? -1 : renumbered[before];
    }

    pathOp = new int[n];
    pathForced = new boolean[n];
    pathState = new String[n];
  }

  private static void link(int[] next, int[] prev, int head, int[] order) {
    int last = head;
    for (int i : order) {
      next[last] = i;
      prev[i] = last;
      last = i;
    }
    next[last] = head;
    prev[head] = last;
  }

  Result run() {
    Verdict verdict = search();
    boolean violation = verdict == Verdict.VIOLATION;
    return new Result(verdict, states, violation ? deepest : 0, violation ? original[stuck] : -1,
        violation ? stuckState : null);
  }

  private Verdict search() {
    noteDepth();
    int cur = FRESH;
    while (true) {
      if (returnedLeft == 0) {
        return Verdict.LINEARIZABLE;
      }
      // What may come next: pending operations that started before the earliest pending end.
      long horizon = end[nextByEnd[byEnd]];
      boolean moved = false;
      int read = cur == FRESH ? fittingRead(horizon) : FRESH;
      if (read != FRESH) {
        moved = enter(read, state, true);
      } else {
        if (cur == FRESH) {
          cur = next[returnedByStart];
        }
        while (!moved && cur != threwByStart) {
          if (cur == returnedByStart || (!threw[cur] && start[cur] > horizon)) {
            cur = next[threwByStart]; // the calls that returned are done: on to those that threw
            continue;
          }
          if (start[cur] > horizon) {
            break;
          }
          int i = cur;
          cur = next[cur];
          if (mayStep(i)) {
            moved = enter(i, RegisterModel.next(state, ops[i]), false);
          }
        }
      }
      if (states > maxStates) {
        return Verdict.UNKNOWN;
      }
      if (moved) {
        cur = FRESH;
        continue;
      }
      // Every choice here failed: undo the last step, and unless it was forced try the next choice after it.
      while (true) {
        if (depth == 0) {
          return Verdict.VIOLATION;
        }
        depth--;
        int i = pathOp[depth];
        leave(i);
        state = pathState[depth];
        if (!pathForced[depth]) {
          cur = next[i];
          break;
        }
      }
    }
  }

  /**
   * A pending read that returns its result here. Taking it now is never worse than later: it changes nothing, and
   * nothing pending precedes it, so any linearization can be reordered to take it first.
   */
  private int fittingRead(long horizon) {
    for (int i = next[returnedByStart]; i != returnedByStart && start[i] <= horizon; i = next[i]) {
      if (readOnly[i] && (after[i] < 0 || isLinearized(after[i])) && RegisterModel.returns(state, ops[i])) {
        return i;
      }
    }
    return FRESH;
  }

  /** Whether candidate {@code i} may be the next step (reads were looked at already by {@link #fittingRead}). */
  private boolean mayStep(int i) {
    Operation op = ops[i];
    if (!threw[i]) {
      return !readOnly[i] && RegisterModel.returns(state, op);
    }
    String after = RegisterModel.next(state, op);
    int twin = sameEffectBefore[i];
    int last = depth - 1;
    return !Objects.equals(after, state)
        && (twin < 0 || isLinearized(twin))
        && (last < 0 || !threw[pathOp[last]] || !Objects.equals(after, RegisterModel.next(pathState[last], op)));
  }

  private boolean isLinearized(int i) {
    long[] bits = threw[i] ? threwBits : returnedBits;
    return (bits[bit[i] >>> 6] & 1L << bit[i]) != 0;
  }

  /** Linearizes {@code i}, leaving {@code after}, unless that configuration was explored already. */
  private boolean enter(int i, String after, boolean forced) {
    flip(i);
    if (!remember(new Config(packReturned(), after))) {
      flip(i);
      return false;
    }
    lift(i);
    pathOp[depth] = i;
    pathForced[depth] = forced;
    pathState[depth] = state;
    depth++;
    state = after;
    noteDepth();
    return true;
  }

  /** Adds {@code config} with the current calls that threw to the memo, unless it or a smaller one is there. */
  private boolean remember(Config config) {
    long[][] seen = memo.get(config);
    if (seen == null) {
      memo.put(config, new long[][] {threwBits.clone()});
    } else {
      for (long[] threwSet : seen) {
        if (isSubset(threwSet, threwBits)) {
          return false;
        }
      }
      long[][] kept = Arrays.stream(seen).filter(threwSet -> !isSubset(threwBits, threwSet)).toArray(long[][]::new);
      kept = Arrays.copyOf(kept, kept.length + 1);
      kept[kept.length - 1] = threwBits.clone();
      memo.put(config, kept);
    }
    states++;
    return true;
  }

  private static boolean isSubset(long[] small, long[] large) {
    for (int w = 0; w < small.length; w++) {
      if ((small[w] & ~large[w]) != 0) {
        return false;
      }
    }
    return true;
  }

  private void leave(int i) {
    flip(i);
    next[prev[i]] = i;
    prev[next[i]] = i;
    if (!threw[i]) {
      nextByEnd[prevByEnd[i]] = i;
      prevByEnd[nextByEnd[i]] = i;
      returnedLeft++;
    }
  }

  private void lift(int i) {
    next[prev[i]] = next[i];
    prev[next[i]] = prev[i];
    if (!threw[i]) {
      nextByEnd[prevByEnd[i]] = nextByEnd[i];
      prevByEnd[nextByEnd[i]] = prevByEnd[i];
      returnedLeft--;
    }
  }

  private void flip(int i) {
    long[] bits = threw[i] ? threwBits : returnedBits;
    bits[bit[i] >>> 6] ^= 1L << bit[i];
  }

  /** Remembers the first configuration of the greatest depth, where a violation is reported. */
  private void noteDepth() {
    if (depth > deepest && returnedLeft > 0) {
      deepest = depth;
      stuck = nextByEnd[byEnd];
      stuckState = state;
    }
  }

  /**
   * The linearized calls that returned, compactly: they are linearized mostly in start order, so their bits are a
   * run of full words, a few mixed ones and then empty words; only the mixed ones are kept, after the index of the
   * first.
   */
  private long[] packReturned() {
    int low = 0;
    while (low < returnedBits.length && returnedBits[low] == -1L) {
      low++;
    }
    int high = returnedBits.length;
    while (high > low && returnedBits[high - 1] == 0) {
      high--;
    }
    long[] packed = new long[1 + high - low];
    packed[0] = low;
    System.arraycopy(returnedBits, low, packed, 1, high - low);
    return packed;
  }

  /** A configuration of the search but for the calls that threw: the calls that returned linearized, the state. */
  private static final class Config {
    private final long[] linearized;
    private final String state;
    private final int hash;

    Config(long[] linearized, String state) {
      this.linearized = linearized;
      this.state = state;
      this.hash = 31 * Arrays.hashCode(linearized) + Objects.hashCode(state);
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Config config
          && hash == config.hash
          && Arrays.equals(linearized, config.linearized)
          && Objects.equals(state, config.state);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
