package io.github.dualcache.processor;

import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/** One key's outcome in {@code invokeAll}: the processor's result or its failure. */
public final class ProcessorResult<T> implements EntryProcessorResult<T> {
  private final T result;
  private final RuntimeException failure;

  private ProcessorResult(T result, RuntimeException failure) {
    this.result = result;
    this.failure = failure;
  }

  public static <T> ProcessorResult<T> of(T result) {
    return new ProcessorResult<>(result, null);
  }

  public static <T> ProcessorResult<T> failed(RuntimeException failure) {
    return new ProcessorResult<>(null, failure);
  }

  @Override
  public T get() {
    if (failure == null) {
      return result;
    }
    throw failure instanceof EntryProcessorException e ? e : new EntryProcessorException(failure);
  }
}
