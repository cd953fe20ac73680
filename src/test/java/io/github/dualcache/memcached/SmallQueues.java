package io.github.dualcache.memcached;

/**
 * Test-only access to {@link MemcachedCluster#queueCapacityForTests}: CacheManagers created while
 * it is open get spymemcached operation queues of the given capacity, so a test can fill them.
 */
public final class SmallQueues implements AutoCloseable {
  private SmallQueues(int capacity) {
    MemcachedCluster.queueCapacityForTests = capacity;
  }

  public static SmallQueues ofCapacity(int capacity) {
    return new SmallQueues(capacity);
  }

  @Override
  public void close() {
    MemcachedCluster.queueCapacityForTests = 0;
  }
}
