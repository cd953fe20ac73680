package io.github.dualcache.memcached;

import io.github.dualcache.time.TimeSource;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.cache.CacheException;

/**
 * The circuit breaker of one memcached server: once a call to it times out, calls to it fail at
 * once for a backoff; then one call at a time (a probe) is let through, and the first answer closes
 * the breaker again. Without it every caller of a frozen server waits its whole timeout, and
 * spymemcached's queues fill behind them.
 *
 * <p>Only timeouts (and a queue that stayed full) open it: a server that is down has no connection,
 * and in {@code Cancel} mode spymemcached fails its calls at once by itself. A probe whose outcome
 * is never reported (its caller went away) frees its slot after one timeout, so the breaker cannot
 * stay stuck open.
 */
final class CircuitBreaker {
  /** What {@link #admit} decided for one call. */
  enum Admission {
    /** The server is believed healthy. */
    CLOSED,
    /** The server timed out before: this call tests it, the others fail until it answers. */
    PROBE
  }

  private record State(boolean open, long openedAtNanos, long retryAtNanos, boolean probing, long probeSentNanos) {}

  private static final State CLOSED = new State(false, 0, 0, false, 0);

  private final String role;
  private final String server;
  private final long timeoutNanos;
  private final long backoffNanos;
  private final TimeSource time;
  private final AtomicReference<State> state = new AtomicReference<>(CLOSED);

  /** @param time when backoffs end; whether a call timed out is for its caller's real wait to say */
  CircuitBreaker(String role, String server, long timeoutNanos, long backoffNanos, TimeSource time) {
    this.time = time;
    this.role = role;
    this.server = server;
    this.timeoutNanos = timeoutNanos;
    this.backoffNanos = backoffNanos;
  }

  String server() {
    return server;
  }

  boolean isClosed() {
    return !state.get().open();
  }

  /**
   * Lets a call through, or fails it at once while the server is known not to answer.
   *
   * @throws CacheException naming the server and {@code operation} when the breaker is open
   */
  Admission admit(String operation) {
    while (true) {
      State now = state.get();
      if (!now.open()) {
        return Admission.CLOSED;
      }
      long nowNanos = time.nanoTime();
      boolean probeFree = !now.probing() || nowNanos - now.probeSentNanos() - timeoutNanos > 0;
      if (nowNanos - now.retryAtNanos() < 0 || !probeFree) {
        throw refused(operation, now, nowNanos);
      }
      if (state.compareAndSet(now, new State(true, now.openedAtNanos(), now.retryAtNanos(), true, nowNanos))) {
        return Admission.PROBE;
      }
    }
  }

  /**
   * Fails {@code operation} at once while the breaker is open, until an answer closes it: for calls
   * whose outcome the breaker does not see (the key crawler's own connections), which never probe.
   */
  void refuseIfOpen(String operation) {
    State now = state.get();
    if (now.open()) {
      throw refused(operation, now, time.nanoTime());
    }
  }

  /** The server answered a call: it is healthy. */
  void answered() {
    if (state.get().open()) {
      state.set(CLOSED);
    }
  }

  /** A call got no answer within the timeout (or could not be queued): fail calls for a backoff. */
  void timedOut() {
    long nowNanos = time.nanoTime();
    State before = state.get();
    long openedAt = before.open() ? before.openedAtNanos() : nowNanos;
    state.set(new State(true, openedAt, nowNanos + backoffNanos, false, 0));
  }

  /** A probe failed without telling anything about the server (cancelled, connection lost). */
  void released(Admission admission) {
    if (admission == Admission.PROBE) {
      state.updateAndGet(s -> s.open() ? new State(true, s.openedAtNanos(), s.retryAtNanos(), false, 0) : s);
    }
  }

  private CacheException refused(String operation, State open, long time) {
    long silentMillis = TimeUnit.NANOSECONDS.toMillis(time - open.openedAtNanos() + timeoutNanos);
    String next = open.probing()
        ? "another call is testing it now"
        : "one call tests it again in " + Math.max(1, TimeUnit.NANOSECONDS.toMillis(open.retryAtNanos() - time)) + " ms";
    return new CacheException(role + " memcached " + server + " failed " + operation
        + " at once: it has not answered for about " + silentMillis + " ms (dualcache.timeout is "
        + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms); " + next);
  }
}
