package io.github.dualcache.config;

/**
 * What a plain read ({@code get}, {@code getAll}, {@code containsKey}) does when the global layer
 * fails: the value of {@code dualcache.failureMode}. Writes and conditional operations always
 * fail, since a miss cannot stand in for them.
 */
public enum FailureMode {
  /** The read throws {@link javax.cache.CacheException} naming the server (the default). */
  FAIL_FAST("failFast"),
  /**
   * The read answers as a miss (counted in {@code FailedOpenReads}): for caches in front of a store
   * of record the application can always fall back to, and sized to take the extra load.
   */
  FAIL_OPEN("failOpen");

  private final String settingValue;

  FailureMode(String settingValue) {
    this.settingValue = settingValue;
  }

  /** The setting's spelling: {@code failFast}, {@code failOpen}. */
  @Override
  public String toString() {
    return settingValue;
  }
}
