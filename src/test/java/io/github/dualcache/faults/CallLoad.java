package io.github.dualcache.faults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheException;

/**
 * Threads calling {@code get}, {@code put} and {@code invoke} in turn on a set of keys, timing
 * every call. Each call is recorded in the {@link Window} that was current when it started, under
 * the group of its key (e.g. the server that holds it), so a test can ask what the calls made
 * during one phase (a freeze, after a thaw) did.
 *
 * <p>A {@link StallMeter} runs beside the threads: each window also knows the longest time the JVM
 * could not run while it was current, the only margin a test may add to a bound.
 *
 * <p>Each thread pauses {@link #pauseMicros} between calls: with a frozen server most calls fail
 * in microseconds, and 64 threads that never pause would measure the run queue of a 2-core
 * machine rather than the cache.
 */
final class CallLoad implements AutoCloseable {
  enum Op { GET, PUT, INVOKE }

  /** What the calls that started while it was current did, per key group. */
  static final class Window {
    private final long startedNanos = System.nanoTime();
    private final Map<String, Group> groups = new ConcurrentHashMap<>();
    private volatile long stallMillis = -1;

    /** The longest stall of the JVM while this window was current ({@link StallMeter}). */
    long stallMillis() {
      if (stallMillis < 0) {
        throw new IllegalStateException("the window is still current");
      }
      return stallMillis;
    }

    Group group(String name) {
      return groups.computeIfAbsent(name, n -> new Group());
    }

    Map<String, Group> groups() {
      return new TreeMap<>(groups);
    }

    /** All groups together. */
    Group total() {
      Group total = new Group();
      groups.values().forEach(total::add);
      return total;
    }

    long ageMillis() {
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
  }

  /** The calls of one key group in one window. */
  static final class Group {
    final LongAdder calls = new LongAdder();
    final LongAdder succeeded = new LongAdder();
    final LongAdder cacheExceptions = new LongAdder();
    /** {@code get}s that returned null. */
    final LongAdder nullGets = new LongAdder();
    /** Successful calls by operation, and failed ones. */
    final Map<Op, LongAdder> succeededBy = new ConcurrentHashMap<>();
    final Map<Op, LongAdder> failedBy = new ConcurrentHashMap<>();
    private final AtomicLong maxNanos = new AtomicLong();
    private final AtomicReference<String> slowest = new AtomicReference<>("-");
    private final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    private final AtomicReference<String> firstCacheException = new AtomicReference<>();
    private final Map<Op, String> firstCacheExceptionBy = new ConcurrentHashMap<>();

    void record(Op op, String key, long nanos, Object result, Throwable failure) {
      calls.increment();
      if (failure == null) {
        succeeded.increment();
        succeededBy.computeIfAbsent(op, o -> new LongAdder()).increment();
        if (op == Op.GET && result == null) {
          nullGets.increment();
        }
      } else {
        failedBy.computeIfAbsent(op, o -> new LongAdder()).increment();
        if (failure instanceof CacheException) {
          cacheExceptions.increment();
          firstCacheException.compareAndSet(null, op + " " + key + ": " + failure.getMessage());
          firstCacheExceptionBy.putIfAbsent(op, key + ": " + failure.getMessage());
        } else if (unexpected.size() < 20) {
          unexpected.add(op + " " + key + " threw " + failure);
        }
      }
      long max;
      while (nanos > (max = maxNanos.get())) {
        if (maxNanos.compareAndSet(max, nanos)) {
          slowest.set(op + " " + key + (failure == null ? "" : " (" + failure.getClass().getSimpleName() + ")"));
          break;
        }
      }
    }

    void add(Group other) {
      calls.add(other.calls.sum());
      succeeded.add(other.succeeded.sum());
      cacheExceptions.add(other.cacheExceptions.sum());
      nullGets.add(other.nullGets.sum());
      other.succeededBy.forEach((op, n) -> succeededBy.computeIfAbsent(op, o -> new LongAdder()).add(n.sum()));
      other.failedBy.forEach((op, n) -> failedBy.computeIfAbsent(op, o -> new LongAdder()).add(n.sum()));
      unexpected.addAll(other.unexpected());
      if (other.firstCacheException.get() != null) {
        firstCacheException.compareAndSet(null, other.firstCacheException.get());
      }
      other.firstCacheExceptionBy.forEach(firstCacheExceptionBy::putIfAbsent);
      if (other.maxNanos.get() > maxNanos.get()) {
        maxNanos.set(other.maxNanos.get());
        slowest.set(other.slowest.get());
      }
    }

    long maxMillis() {
      return TimeUnit.NANOSECONDS.toMillis(maxNanos.get());
    }

    long succeeded(Op op) {
      LongAdder n = succeededBy.get(op);
      return n == null ? 0 : n.sum();
    }

    long failed(Op op) {
      LongAdder n = failedBy.get(op);
      return n == null ? 0 : n.sum();
    }

    List<String> unexpected() {
      synchronized (unexpected) {
        return List.copyOf(unexpected);
      }
    }

    String firstCacheException() {
      return firstCacheException.get();
    }

    String firstCacheException(Op op) {
      return firstCacheExceptionBy.get(op);
    }

    @Override
    public String toString() {
      return calls.sum() + " calls, " + succeeded.sum() + " ok " + new TreeMap<>(succeededBy) + " (" + nullGets.sum() + " null gets), "
          + cacheExceptions.sum() + " CacheException, " + unexpected().size() + " other; slowest "
          + maxMillis() + " ms (" + slowest.get() + ")";
    }
  }

  private final Cache<String, String> cache;
  private final List<String> keys;
  private final Function<String, String> groupOf;
  private final long pauseMicros;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong counter = new AtomicLong();
  private final StallMeter stalls = new StallMeter();
  private volatile Window window = new Window();
  private volatile boolean running = true;

  /**
   * @param groupOf the group a key's calls are counted in
   * @param pauseMicros how long each thread pauses between calls
   */
  CallLoad(Cache<String, String> cache, int threadCount, List<String> keys, Function<String, String> groupOf,
      long pauseMicros) {
    this.cache = cache;
    this.keys = List.copyOf(keys);
    this.groupOf = groupOf;
    this.pauseMicros = pauseMicros;
    for (int t = 0; t < threadCount; t++) {
      int first = t;
      Thread thread = new Thread(() -> run(first), "fault-load-" + t);
      thread.setDaemon(true);
      threads.add(thread);
    }
  }

  CallLoad start() {
    threads.forEach(Thread::start);
    return this;
  }

  /** Starts a new window: calls starting from now on are counted in it. */
  Window window() {
    Window next = new Window();
    Window previous = window;
    window = next;
    previous.stallMillis = stalls.takeMaxMillis();
    return next;
  }

  private void run(int first) {
    long i = first * 7L;
    Op[] ops = Op.values();
    while (running) {
      i++;
      String key = keys.get((int) (i % keys.size()));
      Op op = ops[(int) ((i / keys.size() + i) % ops.length)];
      Window current = window;
      long start = System.nanoTime();
      Object result = null;
      Throwable failure = null;
      try {
        result = call(op, key);
      } catch (Throwable t) {
        failure = t;
      }
      current.group(groupOf.apply(key)).record(op, key, System.nanoTime() - start, result, failure);
      if (pauseMicros > 0) {
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(pauseMicros));
      }
    }
  }

  private Object call(Op op, String key) {
    return switch (op) {
      case GET -> cache.get(key);
      case PUT -> {
        cache.put(key, "p" + counter.incrementAndGet());
        yield "stored";
      }
      case INVOKE -> cache.invoke(key, (entry, args) -> {
        String before = entry.getValue();
        entry.setValue("i" + counter.incrementAndGet());
        return before == null ? "none" : before;
      });
    };
  }

  /** Stops the threads; fails if one is stuck in a call. */
  @Override
  public void close() {
    running = false;
    window.stallMillis = stalls.takeMaxMillis();
    stalls.close();
    List<String> stuck = new ArrayList<>();
    for (Thread thread : threads) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        stuck.add(thread.getName() + " " + List.of(thread.getStackTrace()));
      }
    }
    if (!stuck.isEmpty()) {
      throw new AssertionError("load threads stuck in a call: " + stuck);
    }
  }
}
