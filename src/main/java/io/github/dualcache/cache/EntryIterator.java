package io.github.dualcache.cache;

import io.github.dualcache.tier.StoredEntry;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Consumer;
import javax.cache.Cache;

/**
 * Walks the entries a scan of the global layer found when {@code iterator()} was called, skipping
 * those that expired or were unreadable; each entry it returns counts as a hit.
 */
final class EntryIterator<K, V> implements Iterator<Cache.Entry<K, V>> {
  private final Reads<K, V> reads;
  private final Consumer<K> remove;
  private final Iterator<StoredEntry> scanned;
  private Cache.Entry<K, V> next;
  private Cache.Entry<K, V> last;

  /** @param remove what {@code Iterator.remove()} does with the key returned last: {@code Cache.remove} */
  EntryIterator(Reads<K, V> reads, Consumer<K> remove, List<StoredEntry> scanned) {
    this.reads = reads;
    this.remove = remove;
    this.scanned = scanned.iterator();
  }

  @Override
  public boolean hasNext() {
    while (next == null && scanned.hasNext()) {
      next = reads.iterated(scanned.next());
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
    remove.accept(last.getKey());
    last = null;
  }
}
