package io.github.dualcache.tier;

/**
 * A short-lived copy of global entries close to the reader: never authoritative, only ever filled
 * from the global layer and invalidated. Implementations never throw: a local layer that fails
 * is skipped (its operations become misses and no-ops) and the failure counted.
 */
public interface LocalLayer {

  /**
   * The local copy of {@code key} in {@code generation}, or null (also after its local TTL).
   *
   * @param generation a token as {@link GlobalLayer#generation()} returned it, which a layer may
   *     compare by identity
   */
  StoredEntry get(String generation, byte[] key, long nowMillis);

  /**
   * Keeps a copy of {@code entry} until {@code localUntil} (epoch milliseconds).
   *
   * @param readAt when the global read that returned {@code entry} started (epoch milliseconds):
   *     a copy read before an invalidation must not outlive it. Only a layer shared by several
   *     JVMs needs it (the local memcached's tombstones); a layer that belongs to one JVM, like
   *     the heap's, may ignore it, since {@link TieredStore}'s invalidation stamps already stop
   *     a fill that raced a write in that JVM
   */
  void put(String generation, byte[] key, StoredEntry entry, long readAt, long localUntil);

  /** Drops the copy of {@code key}, if any. */
  void invalidate(String generation, byte[] key);

  void close();

  /** No local layer: every read goes to the global layer. */
  LocalLayer NONE = new LocalLayer() {
    @Override
    public StoredEntry get(String generation, byte[] key, long nowMillis) {
      return null;
    }

    @Override
    public void put(String generation, byte[] key, StoredEntry entry, long readAt, long localUntil) {}

    @Override
    public void invalidate(String generation, byte[] key) {}

    @Override
    public void close() {}
  };
}
