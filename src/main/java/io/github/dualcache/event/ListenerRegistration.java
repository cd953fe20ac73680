package io.github.dualcache.event;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/** One registered listener with its filter, created from its configuration's factories. */
final class ListenerRegistration<K, V> {
  private final CacheEntryListenerConfiguration<K, V> configuration;
  private final CacheEntryListener<? super K, ? super V> listener;
  private final CacheEntryEventFilter<? super K, ? super V> filter;

  ListenerRegistration(CacheEntryListenerConfiguration<K, V> configuration) {
    this.configuration = configuration;
    this.listener = configuration.getCacheEntryListenerFactory().create();
    Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory = configuration.getCacheEntryEventFilterFactory();
    this.filter = filterFactory == null ? null : filterFactory.create();
  }

  CacheEntryListenerConfiguration<K, V> configuration() {
    return configuration;
  }

  boolean isSynchronous() {
    return configuration.isSynchronous();
  }

  boolean listensTo(EventType type) {
    return switch (type) {
      case CREATED -> listener instanceof CacheEntryCreatedListener;
      case UPDATED -> listener instanceof CacheEntryUpdatedListener;
      case REMOVED -> listener instanceof CacheEntryRemovedListener;
      case EXPIRED -> listener instanceof CacheEntryExpiredListener;
    };
  }

  /** Delivers the events of one type that pass this registration's filter. */
  @SuppressWarnings("unchecked")
  void deliver(Cache<K, V> source, EventType type, List<Events.Pending<K, V>> events) {
    List<CacheEntryEvent<? extends K, ? extends V>> accepted = new ArrayList<>();
    boolean oldValueRequired = configuration.isOldValueRequired();
    for (Events.Pending<K, V> event : events) {
      V value = event.value();
      if (!oldValueRequired && (type == EventType.REMOVED || type == EventType.EXPIRED)) {
        value = null;
      }
      DualcacheEntryEvent<K, V> visible = new DualcacheEntryEvent<>(source, type, event.key(), value,
          oldValueRequired ? event.oldValue() : null, oldValueRequired && event.oldValue() != null);
      if (filter == null || filter.evaluate(visible)) {
        accepted.add(visible);
      }
    }
    if (accepted.isEmpty()) {
      return;
    }
    switch (type) {
      case CREATED -> ((CacheEntryCreatedListener<K, V>) listener).onCreated(accepted);
      case UPDATED -> ((CacheEntryUpdatedListener<K, V>) listener).onUpdated(accepted);
      case REMOVED -> ((CacheEntryRemovedListener<K, V>) listener).onRemoved(accepted);
      case EXPIRED -> ((CacheEntryExpiredListener<K, V>) listener).onExpired(accepted);
    }
  }

  void close() {
    for (Object resource : new Object[] {listener, filter}) {
      if (resource instanceof Closeable closeable) {
        try {
          closeable.close();
        } catch (IOException e) {
          System.getLogger(ListenerRegistration.class.getName()).log(Level.WARNING, "Closing " + resource, e);
        }
      }
    }
  }
}
