package io.github.dualcache.config;

import java.time.Duration;
import java.util.Objects;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * A JCache configuration with dualcache's per-cache settings. Settings left unset follow the
 * configuration file's entry for the cache, then the CacheManager's ({@code dualcache.local.type},
 * {@code dualcache.local.ttl}, {@code dualcache.failureMode}).
 *
 * <pre>{@code
 * cacheManager.createCache("prices", new DualcacheConfiguration<String, Price>()
 *     .setLocalLayer(LocalLayerType.HEAP)
 *     .setLocalTtl(Duration.ofMillis(250))
 *     .setTypes(String.class, Price.class));
 * }</pre>
 */
public class DualcacheConfiguration<K, V> extends MutableConfiguration<K, V> {
  /**
   * The shortest local TTL, wherever it is set. The layers count it in whole milliseconds, and
   * zero does not turn the local layer off: every local copy would be dead on arrival and every
   * read would also fetch the cache's generation.
   */
  public static final Duration MINIMUM_LOCAL_TTL = Duration.ofMillis(1);

  private static final long serialVersionUID = 1L;

  private LocalLayerType localLayer;
  private Duration localTtl;
  private FailureMode failureMode;

  public DualcacheConfiguration() {}

  public DualcacheConfiguration(CompleteConfiguration<K, V> configuration) {
    super(configuration);
    if (configuration instanceof DualcacheConfiguration<K, V> dualcache) {
      this.localLayer = dualcache.localLayer;
      this.localTtl = dualcache.localTtl;
      this.failureMode = dualcache.failureMode;
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
    if (localTtl != null && localTtl.compareTo(MINIMUM_LOCAL_TTL) < 0) {
      throw new IllegalArgumentException("setLocalTtl(" + localTtl + ") is not valid: a local TTL must be at"
          + " least 1ms (like Duration.ofMillis(500)); for no local layer use setLocalLayer(LocalLayerType.NONE)");
    }
    this.localTtl = localTtl;
    return this;
  }

  /**
   * What this cache's plain reads ({@code get}, {@code getAll}, {@code containsKey}) do when the
   * global layer fails, or null to follow the configuration file and the CacheManager
   * ({@code dualcache.failureMode}). Writes always fail.
   */
  public FailureMode getFailureMode() {
    return failureMode;
  }

  public DualcacheConfiguration<K, V> setFailureMode(FailureMode failureMode) {
    this.failureMode = failureMode;
    return this;
  }

  /**
   * Whether this configuration asks for {@link FailureMode#FAIL_OPEN}: a read the global layer
   * fails returns a miss instead of throwing {@link javax.cache.CacheException}, for caches in
   * front of a store of record that the application can always fall back to. False when the mode
   * is left to the file or the CacheManager; the mode in effect is the {@code FailureMode}
   * attribute of the cache's {@code LayerStatistics} MXBean.
   */
  public boolean isFailOpen() {
    return failureMode == FailureMode.FAIL_OPEN;
  }

  /** {@code setFailureMode(failOpen ? FAIL_OPEN : FAIL_FAST)}. */
  public DualcacheConfiguration<K, V> setFailOpen(boolean failOpen) {
    return setFailureMode(failOpen ? FailureMode.FAIL_OPEN : FailureMode.FAIL_FAST);
  }

  @Override
  public DualcacheConfiguration<K, V> setTypes(Class<K> keyType, Class<V> valueType) {
    super.setTypes(keyType, valueType);
    return this;
  }

  // The JSR-107 setters, returning this type so that a fluent chain keeps the dualcache settings.

  @Override
  public DualcacheConfiguration<K, V> addCacheEntryListenerConfiguration(
      CacheEntryListenerConfiguration<K, V> listener) {
    super.addCacheEntryListenerConfiguration(listener);
    return this;
  }

  @Override
  public DualcacheConfiguration<K, V> removeCacheEntryListenerConfiguration(
      CacheEntryListenerConfiguration<K, V> listener) {
    super.removeCacheEntryListenerConfiguration(listener);
    return this;
  }

  @Override
  public DualcacheConfiguration<K, V> setCacheLoaderFactory(Factory<? extends CacheLoader<K, V>> factory) {
    super.setCacheLoaderFactory(factory);
    return this;
  }

  @Override
  public DualcacheConfiguration<K, V> setCacheWriterFactory(
      Factory<? extends CacheWriter<? super K, ? super V>> factory) {
    super.setCacheWriterFactory(factory);
    return this;
  }

  @Override
  public DualcacheConfiguration<K, V> setExpiryPolicyFactory(Factory<? extends ExpiryPolicy> factory) {
    super.setExpiryPolicyFactory(factory);
    return this;
  }

  @Override
  public DualcacheConfiguration<K, V> setReadThrough(boolean readThrough) {
    super.setReadThrough(readThrough);
    return this;
  }

  @Override
  public DualcacheConfiguration<K, V> setWriteThrough(boolean writeThrough) {
    super.setWriteThrough(writeThrough);
    return this;
  }

  @Override
  public DualcacheConfiguration<K, V> setStoreByValue(boolean storeByValue) {
    super.setStoreByValue(storeByValue);
    return this;
  }

  @Override
  public DualcacheConfiguration<K, V> setStatisticsEnabled(boolean enabled) {
    super.setStatisticsEnabled(enabled);
    return this;
  }

  @Override
  public DualcacheConfiguration<K, V> setManagementEnabled(boolean enabled) {
    super.setManagementEnabled(enabled);
    return this;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof DualcacheConfiguration<?, ?> that && super.equals(other)
        && Objects.equals(localLayer, that.localLayer) && Objects.equals(localTtl, that.localTtl)
        && failureMode == that.failureMode;
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), localLayer, localTtl, failureMode);
  }
}
