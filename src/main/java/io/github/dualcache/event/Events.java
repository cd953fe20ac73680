package io.github.dualcache.event;

import java.util.ArrayList;
import java.util.List;
import javax.cache.event.EventType;

/**
 * The events one cache operation produces, collected while it runs and handed to the
 * {@link EventDispatcher} only once its change is committed, so a retried compare-and-set never
 * reports a change twice.
 */
public final class Events<K, V> {
  record Pending<K, V>(EventType type, K key, V value, V oldValue) {}

  private final List<Pending<K, V>> pending = new ArrayList<>();

  public void created(K key, V value) {
    pending.add(new Pending<>(EventType.CREATED, key, value, null));
  }

  public void updated(K key, V value, V oldValue) {
    pending.add(new Pending<>(EventType.UPDATED, key, value, oldValue));
  }

  public void removed(K key, V oldValue) {
    pending.add(new Pending<>(EventType.REMOVED, key, oldValue, oldValue));
  }

  public void expired(K key, V oldValue) {
    pending.add(new Pending<>(EventType.EXPIRED, key, oldValue, oldValue));
  }

  /** Adds what another batch collected, for operations that commit key by key. */
  public void addAll(Events<K, V> other) {
    pending.addAll(other.pending);
  }

  public boolean isEmpty() {
    return pending.isEmpty();
  }

  List<Pending<K, V>> pending() {
    return pending;
  }
}
