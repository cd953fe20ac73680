package io.github.dualcache.tier;

/**
 * Called between a reader's global read and its local fill: the window of the local-fill race.
 * Production code uses {@link #NONE}; tests use it to pause a reader there deterministically.
 */
@FunctionalInterface
public interface FillHook {
  FillHook NONE = key -> {};

  void beforeFill(byte[] key);
}
