package io.github.dualcache.jmx;

import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * The standard JCache statistics of one cache in this JVM. A hit counts once whichever layer
 * served it; the split by layer is in {@link LayerStatistics}. Updated synchronously by each
 * operation, so a read right after a call sees its effect.
 */
public final class CacheStatistics implements CacheStatisticsMXBean {
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder puts = new LongAdder();
  private final LongAdder removals = new LongAdder();
  private final LongAdder getNanos = new LongAdder();
  private final LongAdder putNanos = new LongAdder();
  private final LongAdder removeNanos = new LongAdder();

  /** A cache's statistics, all zero. */
  public CacheStatistics() {}

  public void hits(long count) {
    hits.add(count);
  }

  public void misses(long count) {
    misses.add(count);
  }

  public void puts(long count) {
    puts.add(count);
  }

  public void removals(long count) {
    removals.add(count);
  }

  public void getTime(long nanos) {
    getNanos.add(nanos);
  }

  public void putTime(long nanos) {
    putNanos.add(nanos);
  }

  public void removeTime(long nanos) {
    removeNanos.add(nanos);
  }

  @Override
  public void clear() {
    for (LongAdder adder : new LongAdder[] {hits, misses, puts, removals, getNanos, putNanos, removeNanos}) {
      adder.reset();
    }
  }

  @Override
  public long getCacheHits() {
    return hits.sum();
  }

  @Override
  public float getCacheHitPercentage() {
    long gets = getCacheGets();
    return gets == 0 ? 0 : getCacheHits() * 100f / gets;
  }

  @Override
  public long getCacheMisses() {
    return misses.sum();
  }

  @Override
  public float getCacheMissPercentage() {
    long gets = getCacheGets();
    return gets == 0 ? 0 : getCacheMisses() * 100f / gets;
  }

  @Override
  public long getCacheGets() {
    return getCacheHits() + getCacheMisses();
  }

  @Override
  public long getCachePuts() {
    return puts.sum();
  }

  @Override
  public long getCacheRemovals() {
    return removals.sum();
  }

  /** memcached evicts without telling its clients, so evictions cannot be counted here. */
  @Override
  public long getCacheEvictions() {
    return 0;
  }

  @Override
  public float getAverageGetTime() {
    return averageMicros(getNanos.sum(), getCacheGets());
  }

  @Override
  public float getAveragePutTime() {
    return averageMicros(putNanos.sum(), getCachePuts());
  }

  @Override
  public float getAverageRemoveTime() {
    return averageMicros(removeNanos.sum(), getCacheRemovals());
  }

  private static float averageMicros(long nanos, long count) {
    return count == 0 ? 0 : nanos / 1000f / count;
  }
}
