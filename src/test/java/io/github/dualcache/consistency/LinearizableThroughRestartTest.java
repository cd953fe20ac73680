package io.github.dualcache.consistency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.linearizability.HistoryFile;
import io.github.dualcache.linearizability.LinearizabilityChecker;
import io.github.dualcache.linearizability.Losses;
import io.github.dualcache.linearizability.OpType;
import io.github.dualcache.linearizability.Operation;
import io.github.dualcache.linearizability.Report;
import io.github.dualcache.testing.MemcachedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Random single-key operations of every kind from 2 JVMs x 4 threads (heap local layers) while the
 * global memcached is killed ({@code kill -9}) and restarted empty on its port, every key's history
 * checked for linearizability.
 *
 * <p>How the restart is modelled ({@link Losses}). memcached is a cache: a restart loses every
 * value, and a read afterwards legitimately finds nothing. The checker is told so by one
 * {@link OpType#LOST} per key, a write of "absent" that must take effect at one unknown instant
 * from the kill to {@link #SETTLE_NANOS} after the server is back — no sooner (nothing is lost
 * before the kill) and no later: by then every JVM has reconnected and read the cache's generation
 * token again, so no JVM still reads or writes what the restart lost. The server held the token
 * too, so until then the JVMs may work in different generations (the price of a {@code clear()}
 * made elsewhere, documented): the calls that overlap that window count as "may have taken
 * effect". Everything else is what the product promises without faults: a call that threw may or
 * may not have taken effect; a plain read may be stale by the local TTL (+ 50 ms), never older than
 * the reading JVM's own last write that returned. So a value older than the last acknowledged write
 * served beyond the local TTL, a removed value that comes back, or a write acknowledged after the
 * window that is then lost, are all violations.
 *
 * <p>What makes it fail (checked by making it so): mapping memcached's {@code NOT_FOUND} on a
 * {@code cas} (the item read is gone since) to "absent, so add" in
 * {@code MemcachedGlobalLayer.compareAndSet} instead of "lost, retry".
 */
class LinearizableThroughRestartTest {
  private static final long LOCAL_TTL_MILLIS = 1_000;
  private static final Duration STALENESS = Duration.ofMillis(LOCAL_TTL_MILLIS + 50);
  /**
   * spymemcached reconnects within its maximum reconnect delay (2 s as dualcache configures it); a
   * reconnected JVM reads the generation token again at once, and one whose copy is still fresh
   * uses it for at most the local TTL; plus one timeout and a margin for a loaded machine.
   */
  private static final long SETTLE_NANOS = TimeUnit.MILLISECONDS.toNanos(2_000 + LOCAL_TTL_MILLIS + 250 + 750);
  private static final int KEYS = 8;

  @Test
  void everyKeysHistoryIsLinearizableWhenTheRestartIsALossOfEveryValue() throws Exception {
    MemcachedServer first = MemcachedServer.start();
    List<MemcachedServer> servers = new ArrayList<>(List.of(first));
    AtomicLong killedAt = new AtomicLong();
    AtomicLong restartedAt = new AtomicLong();
    try (TwoJvms jvms = new TwoJvms(first.address(), "heap", LOCAL_TTL_MILLIS, 4, "250ms")) {
      Thread fault = new Thread(() -> {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2_000));
        killedAt.set(System.nanoTime());
        first.close(); // SIGKILL
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1_500));
        servers.add(MemcachedServer.startOn(first.port()));
        restartedAt.set(System.nanoTime());
      }, "kill-and-restart");
      fault.start();
      List<Operation> history = new ArrayList<>(HistoryFile.read(jvms.run("history",
          "ops=100000 millis=10000 pauseMicros=10000 keys=" + KEYS + " seed=" + System.nanoTime())));
      fault.join();
      List<String> keys = IntStream.range(0, KEYS).mapToObj(i -> "k" + i).toList();
      // One server: it held the generation token too.
      history = Losses.apply(history, keys, killedAt.get(), restartedAt.get() + SETTLE_NANOS, true);
      long after = history.stream().filter(op -> op.start() > restartedAt.get() + SETTLE_NANOS).count();
      Report report = new LinearizabilityChecker().withStaleness(STALENESS).withMaxStates(4_000_000).check(history);
      System.out.println("[through a restart] " + report.operations() + " operations (" + after
          + " after the restart settled), " + report.unknownOutcomes() + " threw (may have taken effect), "
          + report.violations() + " violations, " + report.unknowns() + " undecided");
      assertTrue(report.unknownOutcomes() > 0, "the kill made no call fail: the test proves nothing");
      assertTrue(after >= 100, "too few operations after the restart settled to check what follows it: " + after);
      assertEquals(0, report.unknowns(), "the search gave up on a key:\n" + report);
      assertEquals(0, report.violations(), report.toString());
    } finally {
      servers.forEach(MemcachedServer::close);
    }
  }
}
