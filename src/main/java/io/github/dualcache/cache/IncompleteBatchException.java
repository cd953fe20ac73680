package io.github.dualcache.cache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.cache.CacheException;

/**
 * A {@code putAll} or {@code removeAll} that changed some keys and failed on others (a server down,
 * a value too large): which keys are which, so that nothing is silently lost. Every key was tried;
 * the first failure is the cause, the others are suppressed.
 *
 * <pre>{@code
 * try {
 *   cache.putAll(prices);
 * } catch (IncompleteBatchException e) {
 *   retryLater(e.failedKeys());
 * }
 * }</pre>
 */
public final class IncompleteBatchException extends CacheException {
  private static final long serialVersionUID = 1L;

  private final transient Set<Object> completedKeys;
  private final transient Set<Object> failedKeys;

  private IncompleteBatchException(String message, Set<Object> completedKeys, Map<Object, RuntimeException> failures) {
    super(message, failures.values().iterator().next());
    this.completedKeys = Set.copyOf(completedKeys);
    this.failedKeys = Set.copyOf(failures.keySet());
    failures.values().stream().skip(1).forEach(this::addSuppressed);
  }

  static IncompleteBatchException of(String operation, Set<Object> completedKeys,
      Map<Object, RuntimeException> failures) {
    Map<Object, RuntimeException> inOrder = new LinkedHashMap<>(failures);
    RuntimeException first = inOrder.values().iterator().next();
    return new IncompleteBatchException(operation + " completed " + completedKeys.size() + " of "
        + (completedKeys.size() + inOrder.size()) + " keys; failed for " + inOrder.keySet() + " (first failure: "
        + first.getMessage() + ")", completedKeys, inOrder);
  }

  /** The keys the operation stored or removed (or found nothing to do for). */
  public Set<Object> completedKeys() {
    return completedKeys;
  }

  /** The keys it could not store or remove: the cache holds for them what it held before, or a newer value. */
  public Set<Object> failedKeys() {
    return failedKeys;
  }
}
