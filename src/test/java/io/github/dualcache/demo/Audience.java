package io.github.dualcache.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;

/**
 * The people at home: request threads on every box, each reading a random act's vote count
 * ({@code get}) and now and then voting ({@code invoke} of {@link Vote}) — the JCache API only.
 */
final class Audience {
  private final List<Box> boxes;
  private final DemoOptions options;
  private final List<String> acts;
  private final Staleness staleness;
  private final Tally tally = new Tally();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean watching = true;

  Audience(List<Box> boxes, List<String> acts, DemoOptions options, Staleness staleness) {
    this.boxes = boxes;
    this.acts = acts;
    this.options = options;
    this.staleness = staleness;
  }

  Tally tally() {
    return tally;
  }

  void start() {
    for (Box box : boxes) {
      for (int t = 0; t < options.threadsPerBox; t++) {
        Thread thread = new Thread(() -> watch(box), box.name + "-request-" + t);
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
      }
    }
  }

  void stop() throws InterruptedException {
    watching = false;
    for (Thread thread : threads) {
      thread.join();
    }
  }

  private void watch(Box box) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    while (watching) {
      String act = acts.get(random.nextInt(acts.size()));
      try {
        if (random.nextInt(options.readsPerVote + 1) == 0) {
          long count = box.votes.invoke(act, new Vote());
          staleness.acknowledged(act, count, System.nanoTime());
          tally.vote();
        } else {
          long askedAt = System.nanoTime();
          Long count = box.votes.get(act);
          if (count == null) {
            tally.error(box.name + " read " + act + " as missing");
          } else {
            tally.read(staleness.staleNanos(act, count, askedAt));
          }
        }
      } catch (RuntimeException e) {
        tally.error(box.name + ": " + e);
      }
    }
  }

  /** Reads an act's count where it is decided, in the global layer (an entry processor never reads a local copy). */
  static final class Count implements EntryProcessor<String, Long, Long> {
    @Override
    public Long process(MutableEntry<String, Long> entry, Object... arguments) {
      return entry.exists() ? entry.getValue() : 0;
    }
  }

  /** One buzz: adds a vote to the act's count, on the global value (committed by compare-and-set). */
  static final class Vote implements EntryProcessor<String, Long, Long> {
    @Override
    public Long process(MutableEntry<String, Long> entry, Object... arguments) {
      long count = (entry.exists() ? entry.getValue() : 0) + 1;
      entry.setValue(count);
      return count;
    }
  }
}
