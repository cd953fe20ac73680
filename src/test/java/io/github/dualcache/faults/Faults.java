package io.github.dualcache.faults;

import io.github.dualcache.testing.MemcachedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheException;

/**
 * What the fault tests share besides their {@link io.github.dualcache.testing.Boxes}: a freeze that
 * returns only once the process is really stopped, counts of the JVM's memcached IO threads and
 * open file descriptors, and whether a loaded machine let a window be timed.
 */
final class Faults {
  /**
   * The longest stall of the JVM ({@link StallMeter}) under which a window's timings still mean
   * something. Above it (other builds holding both cores; seen up to 1 s), even a healthy server
   * times out, and a busy thread waits longer than the meter's own: the window's timing checks are
   * skipped, and said so; its other checks still run.
   */
  static final long MAX_STALL_MILLIS = 50;

  private Faults() {}

  /**
   * SIGSTOP, then waits until the kernel reports the process stopped: {@code kill} returns when
   * the signal is sent, and a request arriving in between could still be answered.
   */
  static void freeze(MemcachedServer server) {
    server.freeze();
    Path stat = Path.of("/proc", Long.toString(server.pid()), "stat");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      try {
        String text = Files.readString(stat);
        char state = text.charAt(text.lastIndexOf(')') + 2);
        if (state == 'T' || state == 't') {
          return;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      sleep(1);
    }
    throw new AssertionError(server + " did not stop within 5 s of SIGSTOP");
  }

  /** Live threads whose name starts with {@code prefix} (spymemcached's: {@code Memcached IO}). */
  static long liveThreads(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.isAlive() && thread.getName().startsWith(prefix))
        .count();
  }

  /** Open file descriptors of this JVM (sockets included). */
  static long openFileDescriptors() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs a setup step, retried for up to 5 s on {@link javax.cache.CacheException}: on a loaded
   * machine one slow answer opens a server's circuit breaker for a backoff, and a test's setup is
   * not what it checks.
   */
  static void setUp(Runnable step) {
    long start = System.nanoTime();
    while (true) {
      try {
        step.run();
        return;
      } catch (CacheException e) {
        if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(5)) {
          throw e;
        }
        sleep(20);
      }
    }
  }

  /** Puts {@code k0 = v0} ... for {@code count} keys (each retried as {@link #setUp}) and returns the keys. */
  static List<String> putKeys(Cache<String, String> cache, int count) {
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      keys.add("k" + i);
      int n = i;
      setUp(() -> cache.put("k" + n, "v" + n));
    }
    return keys;
  }

  /** How long after a thaw a put first succeeds again; fails if none does within 10 s. */
  static long recoveryMillis(Cache<String, String> cache) {
    long thawed = System.nanoTime();
    while (true) {
      try {
        cache.put("recovery", "ok");
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - thawed);
      } catch (CacheException e) {
        if (System.nanoTime() - thawed > TimeUnit.SECONDS.toNanos(10)) {
          throw new AssertionError("the cache did not recover within 10 s of the thaw", e);
        }
        sleep(5);
      }
    }
  }

  /** Whether a window whose JVM stalled {@code stallMillis} can be timed; prints why not. */
  static boolean measurable(String what, long stallMillis) {
    if (stallMillis <= MAX_STALL_MILLIS) {
      return true;
    }
    System.out.printf("  [not measured] %s: the JVM could not run for %d ms (over %d ms): timing checks skipped%n",
        what, stallMillis, MAX_STALL_MILLIS);
    return false;
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
