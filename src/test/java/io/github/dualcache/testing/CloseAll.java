package io.github.dualcache.testing;

import java.util.ArrayList;
import java.util.List;

/** Closes every resource a fixture opened, even when some fail; the first failure is thrown, the rest suppressed. */
public final class CloseAll {
  private CloseAll() {}

  /** Closes each of {@code lists}' resources in order, then empties the lists. */
  @SafeVarargs
  public static void closeAll(List<? extends AutoCloseable>... lists) {
    RuntimeException failure = null;
    for (List<? extends AutoCloseable> resources : lists) {
      for (AutoCloseable resource : new ArrayList<>(resources)) {
        try {
          resource.close();
        } catch (Exception e) {
          RuntimeException wrapped = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
          if (failure == null) {
            failure = wrapped;
          } else {
            failure.addSuppressed(wrapped);
          }
        }
      }
      resources.clear();
    }
    if (failure != null) {
      throw failure;
    }
  }
}
