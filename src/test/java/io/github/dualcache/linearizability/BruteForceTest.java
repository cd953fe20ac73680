package io.github.dualcache.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The checker, with everything it skips, agrees with a plain exhaustive search on small random histories: ones
 * linearizable by construction, the same with a result changed at random, and ones made of random calls with random
 * results on a few small values (where conditions hold, increments meet written values and calls that threw matter).
 */
class BruteForceTest {

  private static final int HISTORIES = 3_000;

  @Test
  void agreesWithAnExhaustiveSearch() {
    LinearizabilityChecker checker = new LinearizabilityChecker();
    int violations = 0;
    for (int seed = 0; seed < HISTORIES; seed++) {
      Random random = new Random(seed);
      int processes = 2 + random.nextInt(4);
      int operations = 3 + random.nextInt(6);
      List<Operation> history = switch (seed % 3) {
        case 0 -> RandomHistories.generate(random, processes, operations, 1, 0.3);
        case 1 -> mutated(RandomHistories.generate(random, processes, operations, 1, 0.3), random);
        default -> randomCalls(random, processes, operations);
      };
      boolean linearizable = linearizable(history, new boolean[history.size()], new HashMap<>());
      Report report = checker.check(history);
      int shown = seed;
      assertEquals(linearizable ? Verdict.LINEARIZABLE : Verdict.VIOLATION, report.verdict(),
          () -> "seed " + shown + ":\n" + report);
      violations += linearizable ? 0 : 1;
    }
    assertTrue(violations > HISTORIES / 5 && violations < HISTORIES * 4 / 5, violations + " violations");
  }

  /** Whether the pending operations can follow in some order; each call that threw may also never take effect. */
  private static boolean linearizable(List<Operation> history, boolean[] done, Map<String, String> cache) {
    boolean allReturnedDone = true;
    for (int i = 0; i < history.size(); i++) {
      allReturnedDone &= done[i] || history.get(i).threw();
    }
    if (allReturnedDone) {
      return true;
    }
    for (int i = 0; i < history.size(); i++) {
      Operation op = history.get(i);
      if (done[i] || !minimal(history, done, op)) {
        continue;
      }
      Map<String, String> after = new HashMap<>(cache);
      String result = RandomHistories.apply(after, op.key(), op.type(), op.arg1(), op.arg2());
      if (op.threw() || Objects.equals(result, op.result())) {
        done[i] = true;
        boolean found = linearizable(history, done, after);
        done[i] = false;
        if (found) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether no pending call that returned did so before {@code op} started. */
  private static boolean minimal(List<Operation> history, boolean[] done, Operation op) {
    for (int j = 0; j < history.size(); j++) {
      Operation other = history.get(j);
      if (!done[j] && !other.threw() && other.end() < op.start()) {
        return false;
      }
    }
    return true;
  }

  /** Calls with arguments and results picked from 1 to 3 (and none), a quarter of them throwing. */
  private static List<Operation> randomCalls(Random random, int processes, int operations) {
    OpType[] types = OpType.values();
    List<Operation> history = new ArrayList<>();
    long[] freeFrom = new long[processes];
    for (int i = 0; i < operations; i++) {
      int process = random.nextInt(processes);
      long start = freeFrom[process] + random.nextInt(20);
      long end = start + random.nextInt(30);
      freeFrom[process] = end + 1;
      OpType type = types[random.nextInt(types.length)];
      String arg1 = type.arity() >= 1 ? smallValue(random) : null;
      String arg2 = type.arity() >= 2 ? smallValue(random) : null;
      String result = random.nextInt(4) == 0 ? Operation.THREW : switch (type.result()) {
        case VALUE -> random.nextInt(4) == 0 ? null : smallValue(random);
        case BOOLEAN -> Boolean.toString(random.nextBoolean());
        case NONE -> null;
      };
      history.add(new Operation("jvm" + process % 2 + "-t" + process, start, end, "k", type, arg1, arg2, result));
    }
    return history;
  }

  private static String smallValue(Random random) {
    return Integer.toString(1 + random.nextInt(3));
  }

  /** {@code history} with one result that did not throw replaced by another plausible one. */
  private static List<Operation> mutated(List<Operation> history, Random random) {
    List<String> values = new ArrayList<>();
    values.add(null);
    for (Operation op : history) {
      for (String value : new String[] {op.arg1(), op.arg2(), op.threw() ? null : op.result()}) {
        if (value != null && Operation.isValue(value)) {
          values.add(value);
          values.add(Long.toString(Long.parseLong(value) + 1));
        }
      }
    }
    List<Operation> mutated = new ArrayList<>(history);
    int i = random.nextInt(history.size());
    Operation op = history.get(i);
    String result = switch (op.type().result()) {
      case VALUE -> values.get(random.nextInt(values.size()));
      case BOOLEAN -> Boolean.toString(!"true".equals(op.result()));
      case NONE -> null;
    };
    if (!op.threw()) {
      mutated.set(i, new Operation(op.process(), op.start(), op.end(), op.key(), op.type(), op.arg1(), op.arg2(),
          result));
    }
    return mutated;
  }
}
