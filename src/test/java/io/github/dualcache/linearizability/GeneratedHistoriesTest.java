package io.github.dualcache.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The checker accepts every history that is linearizable by construction ({@link RandomHistories}), and rejects
 * mutations of them that provably are not.
 */
class GeneratedHistoriesTest {

  private static final int HISTORIES = 200;
  private static final Set<OpType> RETURNS_VALUE = EnumSet.of(
      OpType.GET, OpType.GET_AND_PUT, OpType.GET_AND_REPLACE, OpType.GET_AND_REMOVE, OpType.INCREMENT);

  private final LinearizabilityChecker checker = new LinearizabilityChecker();

  @Test
  void acceptsHistoriesLinearizableByConstruction() {
    for (int seed = 0; seed < HISTORIES; seed++) {
      List<Operation> history = history(seed);
      assertVerdict(Verdict.LINEARIZABLE, checker.check(history), seed);
      // Allowing stale reads only ever allows more.
      assertVerdict(Verdict.LINEARIZABLE, checker.withStaleness(Duration.ofNanos(500)).check(history), seed);
    }
  }

  /** No operation writes a negative value, and increments count up from 0. */
  @Test
  void rejectsAResultNoStateCouldHaveHeld() {
    for (int seed = 0; seed < HISTORIES; seed++) {
      List<Operation> history = history(seed);
      Random random = new Random(seed);
      List<Integer> returnsValue = IntStream.range(0, history.size())
          .filter(i -> RETURNS_VALUE.contains(history.get(i).type()) && !history.get(i).threw())
          .boxed().toList();
      int mutated = returnsValue.get(random.nextInt(returnsValue.size()));
      assertVerdict(Verdict.VIOLATION, checker.check(withResult(history, mutated, "-1")), seed);
    }
  }

  /** Values written are fresh: only one operation writes each, and no state holds it before that one starts. */
  @Test
  void rejectsAReadOfAValueWrittenOnlyAfterTheReadReturned() {
    int mutations = 0;
    for (int seed = 0; seed < HISTORIES; seed++) {
      List<Operation> history = history(seed);
      List<int[]> futureReads = new ArrayList<>();
      for (int read = 0; read < history.size(); read++) {
        for (int write = 0; write < history.size(); write++) {
          Operation get = history.get(read);
          Operation put = history.get(write);
          if (get.type() == OpType.GET && !get.threw() && put.key().equals(get.key()) && put.start() > get.end()
              && written(put) != null) {
            futureReads.add(new int[] {read, write});
          }
        }
      }
      if (futureReads.isEmpty()) {
        continue;
      }
      int[] pair = futureReads.get(new Random(seed).nextInt(futureReads.size()));
      String value = written(history.get(pair[1]));
      assertVerdict(Verdict.VIOLATION, checker.check(withResult(history, pair[0], value)), seed);
      mutations++;
    }
    assertTrue(mutations > HISTORIES * 3 / 4, mutations + " histories mutated");
  }

  @Test
  void decidesFiveThousandOperationsOfEightProcessesOnOneKey() {
    List<Operation> history = RandomHistories.generate(new Random(42), 8, 5_000, 1, 0.01);
    Report report = checker.check(history);
    assertVerdict(Verdict.LINEARIZABLE, report, 42);

    int middle = IntStream.range(2_500, history.size())
        .filter(i -> history.get(i).type() == OpType.GET && !history.get(i).threw()).findFirst().orElseThrow();
    Report broken = checker.check(withResult(history, middle, "-1"));
    assertVerdict(Verdict.VIOLATION, broken, 42);
    String stuck = broken.keys().get(0).explanation().lines().filter(line -> line.startsWith("    * ")).findFirst()
        .orElseThrow();
    assertTrue(stuck.endsWith(" " + history.get(middle).process() + " get() -> -1"), broken::toString);
  }

  /** 2 to 8 processes, 20 to 200 operations, 1 to 3 keys, and in every other history 5% of the calls throw. */
  private static List<Operation> history(int seed) {
    Random random = new Random(seed);
    return RandomHistories.generate(random, 2 + random.nextInt(7), 20 + random.nextInt(181), 1 + random.nextInt(3),
        seed % 2 == 0 ? 0 : 0.05);
  }

  /** The value {@code op} writes if it takes effect, if it writes a fresh one. */
  private static String written(Operation op) {
    return switch (op.type()) {
      case PUT, GET_AND_PUT, PUT_IF_ABSENT, REPLACE, GET_AND_REPLACE -> op.arg1();
      case REPLACE_IF -> op.arg2();
      default -> null;
    };
  }

  private static List<Operation> withResult(List<Operation> history, int index, String result) {
    List<Operation> mutated = new ArrayList<>(history);
    Operation op = history.get(index);
    mutated.set(index,
        new Operation(op.process(), op.start(), op.end(), op.key(), op.type(), op.arg1(), op.arg2(), result));
    return mutated;
  }

  private static void assertVerdict(Verdict expected, Report report, int seed) {
    assertEquals(expected, report.verdict(), () -> "seed " + seed + ":\n" + report);
  }
}
