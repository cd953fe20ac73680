package io.github.dualcache.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.lang.System.Logger.Level;
import java.lang.System.Logger;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.EventType;

/**
 * Delivers a cache's entry events to the listeners registered in this JVM (events are per JVM, as
 * in the reference implementation: a change made elsewhere is not reported here).
 *
 * <p>Ordering guarantees: synchronous listeners run on the caller's thread before the operation
 * returns, and their exceptions reach the caller as {@link CacheEntryListenerException}.
 * Asynchronous listeners run on one thread per cache, so each listener sees the events of a key in
 * the order the changes were made; their exceptions are logged. Within one batch, expired events
 * come first, then created, updated and removed.
 */
public final class EventDispatcher<K, V> {
  private static final Logger LOGGER = System.getLogger(EventDispatcher.class.getName());
  private static final EventType[] ORDER = {EventType.EXPIRED, EventType.CREATED, EventType.UPDATED, EventType.REMOVED};

  private final Cache<K, V> source;
  private final List<ListenerRegistration<K, V>> registrations = new CopyOnWriteArrayList<>();
  private final ExecutorService asyncDelivery;

  public EventDispatcher(Cache<K, V> source) {
    this.source = source;
    this.asyncDelivery = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "dualcache-events-" + source.getName());
      thread.setDaemon(true);
      return thread;
    });
  }

  public void register(CacheEntryListenerConfiguration<K, V> configuration) {
    registrations.add(new ListenerRegistration<>(configuration));
  }

  public void deregister(CacheEntryListenerConfiguration<K, V> configuration) {
    for (ListenerRegistration<K, V> registration : registrations) {
      if (registration.configuration().equals(configuration)) {
        registrations.remove(registration);
        registration.close();
      }
    }
  }

  /** True when somebody listens, so operations know whether they must learn old values. */
  public boolean hasListeners() {
    return !registrations.isEmpty();
  }

  public void dispatch(Events<K, V> events) {
    if (events.isEmpty() || registrations.isEmpty()) {
      return;
    }
    for (EventType type : ORDER) {
      List<Events.Pending<K, V>> ofType = new ArrayList<>();
      for (Events.Pending<K, V> event : events.pending()) {
        if (event.type() == type) {
          ofType.add(event);
        }
      }
      if (ofType.isEmpty()) {
        continue;
      }
      for (ListenerRegistration<K, V> registration : registrations) {
        if (!registration.listensTo(type)) {
          continue;
        }
        if (registration.isSynchronous()) {
          deliverNow(registration, type, ofType);
        } else {
          asyncDelivery.execute(() -> deliverLater(registration, type, ofType));
        }
      }
    }
  }

  private void deliverNow(ListenerRegistration<K, V> registration, EventType type, List<Events.Pending<K, V>> events) {
    try {
      registration.deliver(source, type, events);
    } catch (CacheEntryListenerException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new CacheEntryListenerException("A " + type + " listener of cache " + source.getName() + " failed", e);
    }
  }

  private void deliverLater(ListenerRegistration<K, V> registration, EventType type, List<Events.Pending<K, V>> events) {
    try {
      registration.deliver(source, type, events);
    } catch (RuntimeException e) {
      LOGGER.log(Level.WARNING, "An asynchronous " + type + " listener of cache " + source.getName() + " failed", e);
    }
  }

  /** Delivers what is queued for asynchronous listeners, then closes every listener. */
  public void close() {
    asyncDelivery.shutdown();
    try {
      asyncDelivery.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    for (ListenerRegistration<K, V> registration : registrations) {
      registration.close();
    }
    registrations.clear();
  }
}
