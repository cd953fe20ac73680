package io.github.dualcache.jmx;

import io.github.dualcache.management.LayerStatisticsMXBean;

import io.github.dualcache.config.FailureMode;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what each layer did for one cache; see {@link LayerStatisticsMXBean}.
 *
 * <p>The per-read counts (local hits, global hits, misses) are kept only while the cache's
 * statistics are enabled, as JCache keeps its own: an always-on count is an atomic add on every
 * heap hit, a tenth of its cost. The counts of rarer events, the failures above all, are always
 * kept.
 */
public final class LayerStatistics implements LayerStatisticsMXBean {
  private final FailureMode failureMode;
  // read on every hit; volatile so that a switch made on another thread is seen
  private volatile boolean countingReads;
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

  /** Starts or stops the per-read counts, with the cache's statistics; they can be read only while on. */
  public void countReads(boolean counting) {
    countingReads = counting;
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
    if (countingReads) {
      globalHits.increment();
    }
  }

  public void miss() {
    if (countingReads) {
      misses.increment();
    }
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
    if (countingReads) {
      localHits.increment();
    }
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
    return readCount(localHits);
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
    return readCount(globalHits);
  }

  @Override
  public long getMisses() {
    return readCount(misses);
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

  private long readCount(LongAdder count) {
    if (!countingReads) {
      throw new IllegalStateException("Local hits, global hits and misses are counted only while the cache's statistics"
          + " are enabled: MutableConfiguration.setStatisticsEnabled(true), CacheManager.enableStatistics(name, true),"
          + " or dualcache.statistics=true for every cache");
    }
    return count.sum();
  }
}
