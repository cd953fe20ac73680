package io.github.dualcache.consistency;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/** Runs one body on several threads released at the same instant, and rethrows what any threw. */
final class Racers {

  @FunctionalInterface
  interface Body {
    void run(int thread) throws Exception;
  }

  private Racers() {}

  static void race(int threads, Body body) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> running = new ArrayList<>();
    List<Throwable> failures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int index = i;
      Thread thread = new Thread(() -> {
        try {
          start.await();
          body.run(index);
        } catch (Throwable e) {
          synchronized (failures) {
            failures.add(e);
          }
        }
      }, "racer-" + i);
      thread.start();
      running.add(thread);
    }
    start.countDown();
    for (Thread thread : running) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      Exception failure = new Exception(failures.size() + " of " + threads + " threads failed", failures.get(0));
      failures.stream().skip(1).forEach(failure::addSuppressed);
      throw failure;
    }
  }
}
