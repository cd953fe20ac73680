package io.github.dualcache.frameworks.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.testing.ChildJvm;
import io.github.dualcache.testing.MemcachedExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app as it is deployed: a Spring Boot executable jar run with {@code java -jar}, whose
 * {@code spring.cache.jcache.config=classpath:dualcache.json} reaches the provider as a
 * {@code jar:nested:...!/dualcache.json} URI: the only place that names this memcached.
 */
class SpringPackagedJarTest {
  @RegisterExtension static final MemcachedExtension MEMCACHED = new MemcachedExtension();

  @TempDir Path directory;

  @Test
  void thePackagedAppReadsDualcacheJsonFromInsideItsJarAndCachesInMemcached() throws IOException {
    Path resources = CustomerApps.resources(directory.resolve("resources"), MEMCACHED.address(), true);
    Path jar = PackagedApp.build(directory, resources);
    Files.delete(resources.resolve("dualcache.json"));
    try (JarFile packaged = new JarFile(jar.toFile())) {
      assertEquals("org.springframework.boot.loader.launch.JarLauncher",
          packaged.getManifest().getMainAttributes().getValue("Main-Class"));
      assertNotNull(packaged.getEntry("BOOT-INF/classes/dualcache.json"));
      assertNotNull(packaged.getEntry("BOOT-INF/lib/dualcache.jar"));
    }

    try (ChildJvm app = ChildJvm.startJar("packaged app", jar, List.of(), List.of())) {
      String ready = app.awaitLine("READY", 60, TimeUnit.SECONDS);
      assertTrue(ready.startsWith("READY jar:nested:" + jar.toUri().getPath()) && ready.endsWith("!/dualcache.json"),
          ready);

      app.send("find 1");
      assertEquals("FOUND id=1 name=customer 1 lookups=1", app.awaitLine("FOUND", 30, TimeUnit.SECONDS));
      assertEquals(1, CustomerApps.entryKeys(MEMCACHED.server(), "customers").size(),
          "the entry is in the memcached that only dualcache.json names");
      app.send("find 1");
      assertEquals("FOUND id=1 name=customer 1 lookups=1", app.awaitLine("FOUND", 30, TimeUnit.SECONDS),
          "the second call was served from the cache");
      app.send("quit");
      assertEquals(0, app.awaitExit(30, TimeUnit.SECONDS), app.output());
    }
  }
}
