package io.github.dualcache.cache;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.testing.Boxes;
import java.io.Closeable;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A step of {@code close()} that fails never leaves the rest open: the spec's resources all get closed. */
class CloseEverythingTest {

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  static final AtomicBoolean WRITER_CLOSED = new AtomicBoolean();

  public static final class FailingToCloseLoader implements CacheLoader<String, String>, Closeable {
    @Override
    public String load(String key) {
      return null;
    }

    @Override
    public Map<String, String> loadAll(Iterable<? extends String> keys) {
      return Map.of();
    }

    @Override
    public void close() {
      throw new IllegalStateException("this loader cannot close");
    }
  }

  public static final class RecordingWriter implements CacheWriter<String, String>, Closeable {
    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {}

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {}

    @Override
    public void delete(Object key) {}

    @Override
    public void deleteAll(Collection<?> keys) {}

    @Override
    public void close() {
      WRITER_CLOSED.set(true);
    }
  }

  @Test
  void aLoaderThatThrowsOnCloseStillLetsTheWriterAndTheManagerClose() {
    WRITER_CLOSED.set(false);
    CacheManager manager = BOXES.open("none", Duration.ofSeconds(1)).manager();
    Cache<String, String> cache = manager.createCache(Boxes.uniqueName("closing"), new MutableConfiguration<String, String>()
        .setTypes(String.class, String.class)
        .setCacheLoaderFactory(FactoryBuilder.factoryOf(FailingToCloseLoader.class))
        .setCacheWriterFactory(FactoryBuilder.factoryOf(RecordingWriter.class))
        .setWriteThrough(true));
    manager.close();
    assertTrue(cache.isClosed());
    assertTrue(manager.isClosed());
    assertTrue(WRITER_CLOSED.get(), "the writer must be closed although the loader's close() threw");
  }
}
