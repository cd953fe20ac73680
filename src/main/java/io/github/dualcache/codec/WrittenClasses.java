package io.github.dualcache.codec;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The classes this JVM has itself serialized into the cache, which it may therefore read back
 * without any setting. memcached has no authentication, so a class is never trusted because bytes
 * in memcached name it: only because this JVM wrote an instance of it. An application's own
 * values (and Spring's or Hibernate's cache entry classes) are learned on their first write; an
 * entry another JVM wrote is readable here once this JVM has written one of the same classes.
 *
 * <p>Kept per {@link Class} object (not per name) in a {@link ClassValue}, so a class of another
 * class loader with the same name is not trusted and learning never keeps a class loader alive.
 */
final class WrittenClasses {
  private static final ClassValue<AtomicBoolean> WRITTEN = new ClassValue<>() {
    @Override
    protected AtomicBoolean computeValue(Class<?> type) {
      return new AtomicBoolean();
    }
  };

  private WrittenClasses() {}

  static boolean contains(Class<?> type) {
    return WRITTEN.get(type).get();
  }

  static void learn(Class<?> type) {
    WRITTEN.get(type).set(true);
  }

  /** An {@link ObjectOutputStream} that learns every class whose descriptor it writes. */
  static final class LearningOutput extends ObjectOutputStream {
    LearningOutput(OutputStream out) throws IOException {
      super(out);
    }

    @Override
    protected void annotateClass(Class<?> type) {
      learn(type);
    }
  }
}
