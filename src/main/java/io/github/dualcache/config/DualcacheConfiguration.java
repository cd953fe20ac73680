package io.github.dualcache.config;

import java.time.Duration;
import java.util.Objects;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;

/**
 * A JCache configuration with dualcache's per-cache settings. Settings left unset follow the
 * CacheManager's ({@code dualcache.local.type}, {@code dualcache.local.ttl}).
 *
 * <pre>{@code
 * cacheManager.createCache("prices", new DualcacheConfiguration<String, Price>()
 *     .setLocalLayer(LocalLayerType.HEAP)
 *     .setLocalTtl(Duration.ofMillis(250))
 *     .setTypes(String.class, Price.class));
 * }</pre>
 */
public class DualcacheConfiguration<K, V> extends MutableConfiguration<K, V> {
  private static final long serialVersionUID = 1L;

  private LocalLayerType localLayer;
  private Duration localTtl;
  private boolean failOpen;

  public DualcacheConfiguration() {}

  public DualcacheConfiguration(CompleteConfiguration<K, V> configuration) {
    super(configuration);
    if (configuration instanceof DualcacheConfiguration<K, V> dualcache) {
      this.localLayer = dualcache.localLayer;
      this.localTtl = dualcache.localTtl;
      this.failOpen = dualcache.failOpen;
    }
  }

  /** The local layer type of this cache, or null to use the CacheManager's. */
  public LocalLayerType getLocalLayer() {
    return localLayer;
  }

  public DualcacheConfiguration<K, V> setLocalLayer(LocalLayerType localLayer) {
    this.localLayer = localLayer;
    return this;
  }

  /** How long this cache's local copies live (at least 1ms), or null to use the CacheManager's. */
  public Duration getLocalTtl() {
    return localTtl;
  }

  public DualcacheConfiguration<K, V> setLocalTtl(Duration localTtl) {
    this.localTtl = localTtl == null
        ? null : LocalTtl.check(localTtl, DualcacheSettings.LOCAL_TTL + "=" + localTtl + " (setLocalTtl)");
    return this;
  }

  /**
   * Whether a read the global layer fails ({@code get}, {@code getAll}, {@code containsKey}) returns
   * a miss instead of throwing {@link javax.cache.CacheException}: for caches in front of a store
   * of record that the application can always fall back to. Writes still fail.
   */
  public boolean isFailOpen() {
    return failOpen;
  }

  public DualcacheConfiguration<K, V> setFailOpen(boolean failOpen) {
    this.failOpen = failOpen;
    return this;
  }

  @Override
  public DualcacheConfiguration<K, V> setTypes(Class<K> keyType, Class<V> valueType) {
    super.setTypes(keyType, valueType);
    return this;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DualcacheConfiguration<?, ?> that && super.equals(other)
        && Objects.equals(localLayer, that.localLayer) && Objects.equals(localTtl, that.localTtl)
        && failOpen == that.failOpen;
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), localLayer, localTtl, failOpen);
  }
}
