package io.github.dualcache.frameworks.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.dualcache.frameworks.spring.app.CustomerApp;
import io.github.dualcache.frameworks.spring.app.CustomerService;
import io.github.dualcache.testing.MemcachedServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.cache.CacheManager;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Runs {@link CustomerApp} configured as the README's Spring Boot recipe says: the test class
 * path's {@code application.properties} as it is, and a {@code dualcache.json} made from the
 * recipe's with only the servers changed to a memcached the test started.
 */
final class CustomerApps {
  /** The recipe's {@code dualcache.json}, naming example servers. */
  static final String DUALCACHE_JSON = "/io/github/dualcache/frameworks/spring/dualcache.json";

  private CustomerApps() {}

  /**
   * A directory for the app's class path holding the recipe's {@code dualcache.json} with
   * {@code servers}; without {@code dualcache.statistics} unless {@code statistics}.
   */
  static Path resources(Path directory, String servers, boolean statistics) {
    ObjectMapper json = new ObjectMapper();
    try (InputStream recipe = CustomerApps.class.getResourceAsStream(DUALCACHE_JSON)) {
      ObjectNode settings = (ObjectNode) json.readTree(recipe);
      if (!settings.has("dualcache.global.servers") || !settings.has("dualcache.statistics")) {
        throw new IllegalStateException(DUALCACHE_JSON + " no longer names the servers and statistics: " + settings);
      }
      settings.put("dualcache.global.servers", servers);
      if (!statistics) {
        settings.remove("dualcache.statistics");
      }
      Files.createDirectories(directory);
      json.writerWithDefaultPrettyPrinter().writeValue(directory.resolve("dualcache.json").toFile(), settings);
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the app in this JVM with {@code resources} on its class path. */
  static RunningApp start(Path resources) {
    URLClassLoader classLoader;
    try {
      classLoader = new URLClassLoader(new URL[] {resources.toUri().toURL()}, CustomerApp.class.getClassLoader());
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(e);
    }
    try {
      ConfigurableApplicationContext context = new SpringApplicationBuilder(CustomerApp.class)
          .resourceLoader(new DefaultResourceLoader(classLoader))
          .bannerMode(Banner.Mode.OFF)
          .run();
      return new RunningApp(context, classLoader);
    } catch (RuntimeException e) {
      close(classLoader);
      throw e;
    }
  }

  /** The keys of {@code cache}'s entries in {@code server} (not its generation token). */
  static Set<String> entryKeys(MemcachedServer server, String cache) {
    Set<String> keys = new HashSet<>();
    for (String key : server.keys()) {
      if (key.startsWith("dualcache:" + cache + ":") && !key.equals("dualcache:" + cache + ":gen")) {
        keys.add(key);
      }
    }
    return keys;
  }

  static long stat(MemcachedServer server, String name) {
    return Long.parseLong(server.stats().get(name));
  }

  private static void close(URLClassLoader classLoader) {
    try {
      classLoader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An app started by {@link #start}; closing it closes its JCache manager and memcached client. */
  record RunningApp(ConfigurableApplicationContext context, URLClassLoader classLoader) implements AutoCloseable {
    CustomerService customers() {
      return context.getBean(CustomerService.class);
    }

    /** The JCache manager Spring Boot made from the recipe. */
    CacheManager jcache() {
      return context.getBean(CacheManager.class);
    }

    List<String> cacheNames() {
      return List.copyOf(context.getBean(org.springframework.cache.CacheManager.class).getCacheNames());
    }

    @Override
    public void close() {
      try {
        context.close();
      } finally {
        CustomerApps.close(classLoader);
      }
    }
  }
}
