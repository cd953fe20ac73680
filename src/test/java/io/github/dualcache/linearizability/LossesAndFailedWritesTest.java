package io.github.dualcache.linearizability;

import static io.github.dualcache.linearizability.OpType.GET;
import static io.github.dualcache.linearizability.OpType.GET_AND_REMOVE;
import static io.github.dualcache.linearizability.OpType.LOST;
import static io.github.dualcache.linearizability.OpType.PUT;
import static io.github.dualcache.linearizability.Ops.op;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A server's loss of data ({@link OpType#LOST}) and a JVM's own writes that threw, as the checker sees them. */
class LossesAndFailedWritesTest {
  private static final LinearizabilityChecker STRICT = new LinearizabilityChecker();

  @Test
  void aLossEmptiesTheKeyOnceWithinItsWindowAndNeverBringsAnOlderValueBack() {
    // read as absent after the loss: fine; the loss cannot come before the kill (0-20), nor after its window (-> 60)
    assertEquals(Verdict.LINEARIZABLE, verdict(STRICT, List.of(
        op("jvm0-t0", 0, 10, PUT, "1", "-"),
        op("restart", 20, 60, LOST, "-"),
        op("jvm1-t0", 30, 40, GET, "1"),
        op("jvm1-t0", 70, 80, GET, "-"))));
    assertEquals(Verdict.VIOLATION, verdict(STRICT, List.of(
        op("jvm0-t0", 0, 10, PUT, "1", "-"),
        op("restart", 20, 60, LOST, "-"),
        op("jvm1-t0", 70, 80, GET, "1"))), "a lost value read after the loss's window");
    assertEquals(Verdict.VIOLATION, verdict(STRICT, List.of(
        op("jvm0-t0", 0, 10, PUT, "1", "-"),
        op("jvm0-t0", 12, 14, PUT, "2", "-"),
        op("restart", 20, 60, LOST, "-"),
        op("jvm1-t0", 70, 80, GET, "1"))), "a value older than the last write, after a loss");
    assertEquals(Verdict.VIOLATION, verdict(STRICT, List.of(
        op("restart", 20, 60, LOST, "-"),
        op("jvm0-t0", 70, 80, PUT, "3", "-"),
        op("jvm1-t0", 90, 95, GET, "-"))), "a write acknowledged after the loss's window, then lost");
  }

  /**
   * Found by the soak: a {@code getAndRemove} whose read timed out wrote nothing and left this JVM's
   * local copy, which may then be read as stale as another JVM's write allows. A write that threw
   * bounds no read of its JVM; one that returned does.
   */
  @Test
  void anOwnWriteThatThrewDoesNotBoundTheJvmsStaleReads() {
    LinearizabilityChecker relaxed = STRICT.withStaleness(Duration.ofMillis(1));
    assertEquals(Verdict.LINEARIZABLE, verdict(relaxed, List.of(
        op("jvm1-t0", 0, 10, PUT, "1", "-"),
        op("jvm1-t0", 20, 30, GET_AND_REMOVE, "1"),
        op("jvm0-t0", 40, 50, GET_AND_REMOVE, "!"),
        op("jvm0-t0", 60, 70, GET, "1"))));
    assertEquals(Verdict.VIOLATION, verdict(relaxed, List.of(
        op("jvm1-t0", 0, 10, PUT, "1", "-"),
        op("jvm1-t0", 20, 30, GET_AND_REMOVE, "1"),
        op("jvm0-t0", 40, 50, PUT, "2", "-"),
        op("jvm0-t0", 60, 70, GET, "1"))), "a JVM reading from before its own write that returned");
  }

  private static Verdict verdict(LinearizabilityChecker checker, List<Operation> history) {
    return checker.check(history).verdict();
  }
}
