package io.github.dualcache.processor;

import io.github.dualcache.integration.ReadThrough;
import javax.cache.processor.MutableEntry;

/**
 * The entry an {@link javax.cache.processor.EntryProcessor} works on. It only records what the
 * processor asked for; the cache commits the resulting {@link MutableEntryOperation} atomically
 * afterwards, so a processor retried after a lost compare-and-set leaves no trace of its first run.
 */
public final class ProcessorEntry<K, V> implements MutableEntry<K, V> {
  private final K key;
  private final V existing;
  private final ReadThrough<K, V> readThrough;
  private V value;
  private MutableEntryOperation operation = MutableEntryOperation.NONE;

  /**
   * @param existing the live value when the processor starts, or null
   * @param readThrough the loader {@link #getValue()} consults on a miss, or null
   */
  public ProcessorEntry(K key, V existing, ReadThrough<K, V> readThrough) {
    this.key = key;
    this.existing = existing;
    this.readThrough = readThrough;
  }

  @Override
  public K getKey() {
    return key;
  }

  @Override
  public V getValue() {
    if (operation == MutableEntryOperation.NONE) {
      value = existing;
      if (value != null) {
        operation = MutableEntryOperation.ACCESS;
      }
    }
    if (value == null && readThrough != null) {
      value = readThrough.load(key);
      if (value != null) {
        operation = MutableEntryOperation.LOAD;
      }
    }
    return value;
  }

  @Override
  public boolean exists() {
    return (operation == MutableEntryOperation.NONE && existing != null) || value != null;
  }

  @Override
  public void remove() {
    // As in the reference implementation: undoing a create leaves nothing to do; anything else is
    // a remove, which reaches the writer even when the entry was absent.
    operation = operation == MutableEntryOperation.CREATE || operation == MutableEntryOperation.LOAD
        ? MutableEntryOperation.NONE
        : MutableEntryOperation.REMOVE;
    value = null;
  }

  @Override
  public void setValue(V newValue) {
    if (newValue == null) {
      throw new NullPointerException("An entry processor cannot set a null value for " + key);
    }
    operation = existing == null ? MutableEntryOperation.CREATE : MutableEntryOperation.UPDATE;
    value = newValue;
  }

  @Override
  public <T> T unwrap(Class<T> type) {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new IllegalArgumentException("Cannot unwrap an entry processor's entry to " + type);
  }

  public MutableEntryOperation operation() {
    return operation;
  }

  /** The value the processor left, for CREATE, LOAD and UPDATE. */
  public V value() {
    return value;
  }
}
