package io.github.dualcache.jmx;

import io.github.dualcache.management.LayerStatisticsMXBean;

import io.github.dualcache.config.FailureMode;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/** Counts what each layer did for one cache; see {@link LayerStatisticsMXBean}. */
public final class LayerStatistics implements LayerStatisticsMXBean {
  private final FailureMode failureMode;
  private final LongAdder localHits = new LongAdder();
  private final LongAdder localFills = new LongAdder();
  private final LongAdder invalidations = new LongAdder();
  private final LongAdder localFailures = new LongAdder();
  private final LongAdder globalHits = new LongAdder();
  private final LongAdder failedOpenReads = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder casRetries = new LongAdder();
  private final LongAdder unreadableEntries = new LongAdder();
  private final LongAdder generationFallbacks = new LongAdder();

  public LayerStatistics() {
    this(FailureMode.FAIL_FAST);
  }

  /** @param failureMode the failure mode in effect for the cache, shown in JMX */
  public LayerStatistics(FailureMode failureMode) {
    this.failureMode = Objects.requireNonNull(failureMode, "failureMode");
  }

  /** The failure mode in effect for the cache's plain reads. */
  public FailureMode failureMode() {
    return failureMode;
  }

  @Override
  public String getFailureMode() {
    return failureMode.toString();
  }

  public void generationFallback() {
    generationFallbacks.increment();
  }

  @Override
  public long getGenerationFallbacks() {
    return generationFallbacks.sum();
  }

  public void globalHit() {
    globalHits.increment();
  }

  public void miss() {
    misses.increment();
  }

  public void casRetry() {
    casRetries.increment();
  }

  public void failedOpen() {
    failedOpenReads.increment();
  }

  @Override
  public long getFailedOpenReads() {
    return failedOpenReads.sum();
  }

  public void localHit() {
    localHits.increment();
  }

  public void localFill() {
    localFills.increment();
  }

  public void invalidation() {
    invalidations.increment();
  }

  public void localFailure() {
    localFailures.increment();
  }

  @Override
  public long getLocalHits() {
    return localHits.sum();
  }

  @Override
  public long getLocalFills() {
    return localFills.sum();
  }

  @Override
  public long getInvalidations() {
    return invalidations.sum();
  }

  @Override
  public long getLocalFailures() {
    return localFailures.sum();
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
  public long getUnreadableEntries() {
    return unreadableEntries.sum();
  }

  @Override
  public void clear() {
    for (LongAdder adder : new LongAdder[] {localHits, localFills, invalidations, localFailures, globalHits, failedOpenReads, misses, casRetries,
        unreadableEntries, generationFallbacks}) {
      adder.reset();
    }
  }
}
