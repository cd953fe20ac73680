package io.github.dualcache.frameworks.spring.app;

import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * Customers looked up the slow way, cached by Spring's annotations and by JSR-107's (which Spring
 * runs too when {@code cache-api} is on the class path). {@link #lookups()} counts the calls that
 * reached a method body: a call served from the cache leaves it as it was.
 */
@Service
public class CustomerService {
  /** Ids above this have no customer: the lookup returns null, which Spring caches too. */
  public static final long LAST_ID = 1000;

  private final AtomicInteger lookups = new AtomicInteger();

  @Cacheable("customers")
  public Customer find(long id) {
    lookups.incrementAndGet();
    return id > LAST_ID ? null : new Customer(id, "customer " + id);
  }

  /** Two arguments: Spring's key is a {@code SimpleKey} of both. */
  @Cacheable("customers")
  public Customer findByName(String first, String last) {
    lookups.incrementAndGet();
    return new Customer((first + " " + last).hashCode(), first + " " + last);
  }

  @CacheEvict("customers")
  public void forget(long id) {}

  @CacheResult(cacheName = "accounts")
  public Customer account(long id) {
    lookups.incrementAndGet();
    return new Customer(id, "account " + id);
  }

  @CacheRemove(cacheName = "accounts")
  public void closeAccount(long id) {}

  public int lookups() {
    return lookups.get();
  }
}
