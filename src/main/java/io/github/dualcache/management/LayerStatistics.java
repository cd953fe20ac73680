package io.github.dualcache.management;

import java.util.concurrent.atomic.LongAdder;

/** Counts what each layer did for one cache; see {@link LayerStatisticsMXBean}. */
public final class LayerStatistics implements LayerStatisticsMXBean {
  private final LongAdder globalHits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder casRetries = new LongAdder();
  private final LongAdder globalFailures = new LongAdder();
  private final LongAdder unreadableEntries = new LongAdder();

  public void globalHit() {
    globalHits.increment();
  }

  public void miss() {
    misses.increment();
  }

  public void casRetry() {
    casRetries.increment();
  }

  public void globalFailure() {
    globalFailures.increment();
  }

  public void unreadableEntry() {
    unreadableEntries.increment();
  }

  @Override
  public long getGlobalHits() {
    return globalHits.sum();
  }

  @Override
  public long getMisses() {
    return misses.sum();
  }

  @Override
  public long getCasRetries() {
    return casRetries.sum();
  }

  @Override
  public long getGlobalFailures() {
    return globalFailures.sum();
  }

  @Override
  public long getUnreadableEntries() {
    return unreadableEntries.sum();
  }

  @Override
  public void clear() {
    for (LongAdder adder : new LongAdder[] {globalHits, misses, casRetries, globalFailures, unreadableEntries}) {
      adder.reset();
    }
  }
}
