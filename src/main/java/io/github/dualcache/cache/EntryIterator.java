package io.github.dualcache.cache;

import io.github.dualcache.tier.StoredEntry;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import javax.cache.Cache;

/**
 * Walks the entries a scan of the global layer found when {@code iterator()} was called, skipping
 * those that expired or were unreadable; each entry it returns counts as a hit.
 */
final class EntryIterator<K, V> implements Iterator<Cache.Entry<K, V>> {
  private final DualcacheCache<K, V> cache;
  private final Iterator<StoredEntry> scanned;
  private Cache.Entry<K, V> next;
  private Cache.Entry<K, V> last;

  EntryIterator(DualcacheCache<K, V> cache, List<StoredEntry> scanned) {
    this.cache = cache;
    this.scanned = scanned.iterator();
  }

  @Override
  public boolean hasNext() {
    while (next == null && scanned.hasNext()) {
      next = cache.iterated(scanned.next());
    }
    return next != null;
  }

  @Override
  public Cache.Entry<K, V> next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    last = next;
    next = null;
    return last;
  }

  @Override
  public void remove() {
    if (last == null) {
      throw new IllegalStateException("next() must be called before remove()");
    }
    cache.removeIterated(last);
    last = null;
  }
}
