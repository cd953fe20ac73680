package io.github.dualcache.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.testing.MemcachedExtension;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import javax.cache.Caching;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The self-contained jar ({@code -all}) is all a server needs besides {@code cache-api}: a program
 * on a plain {@code java -cp} line finds the provider through {@code Caching.getCachingProvider()},
 * stores and reads through memcached, and prints nothing on stderr. Runs after {@code package}
 * (failsafe), which builds the jar; the jar's path comes in {@code dualcache.standalone.jar}.
 */
class StandaloneJarIT {

  @RegisterExtension static final MemcachedExtension MEMCACHED = new MemcachedExtension();

  private static final String PROGRAM = """
      import java.util.Properties;
      import javax.cache.Cache;
      import javax.cache.Caching;
      import javax.cache.configuration.MutableConfiguration;
      import javax.cache.spi.CachingProvider;

      public class Standalone {
        public static void main(String[] args) {
          CachingProvider provider = Caching.getCachingProvider();
          Properties properties = new Properties();
          properties.setProperty("dualcache.global.servers", args[0]);
          try (var manager = provider.getCacheManager(provider.getDefaultURI(), provider.getDefaultClassLoader(),
              properties)) {
            Cache<String, Integer> cache = manager.createCache("standalone",
                new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
            cache.put("answer", 42);
            cache.invoke("answer", (entry, arguments) -> {
              entry.setValue(entry.getValue() + 1);
              return null;
            });
            System.out.println("provider=" + provider.getClass().getName());
            System.out.println("value=" + cache.get("answer"));
          }
        }
      }
      """;

  private static Path standaloneJar() {
    String path = System.getProperty("dualcache.standalone.jar");
    assertTrue(path != null && Files.isRegularFile(Path.of(path)), "no self-contained jar at " + path);
    return Path.of(path);
  }

  @Test
  void theJarAloneWithCacheApiServesAProgramOnAPlainClassPath(@TempDir Path folder) throws Exception {
    Path source = folder.resolve("Standalone.java");
    Files.writeString(source, PROGRAM);
    Path cacheApi = Path.of(Caching.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "-cp", standaloneJar() + File.pathSeparator + cacheApi,
        source.toString(), MEMCACHED.address())
        .redirectOutput(folder.resolve("stdout").toFile())
        .redirectError(folder.resolve("stderr").toFile())
        .start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the program did not finish");
    String stdout = Files.readString(folder.resolve("stdout"), StandardCharsets.UTF_8);
    String stderr = Files.readString(folder.resolve("stderr"), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), "stdout:\n" + stdout + "\nstderr:\n" + stderr);
    assertEquals(List.of("provider=io.github.dualcache.spi.DualcacheCachingProvider", "value=43"), stdout.lines().toList());
    assertEquals("", stderr);
  }

  /**
   * The plain jar is a module ({@code io.github.dualcache}): on a module path with its
   * dependencies, the same program finds the provider through the module's {@code provides}.
   */
  @Test
  void thePlainJarRunsAsAModuleOnTheModulePath(@TempDir Path folder) throws Exception {
    Path source = folder.resolve("Standalone.java");
    Files.writeString(source, PROGRAM);
    List<String> modulePath = new java.util.ArrayList<>();
    modulePath.add(System.getProperty("dualcache.plain.jar"));
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : classPath.split(File.pathSeparator)) {
      String name = Path.of(entry).getFileName().toString();
      if (name.startsWith("cache-api-") || name.startsWith("spymemcached-") || name.startsWith("jackson-core-")
          || name.startsWith("jackson-databind-") || name.startsWith("jackson-annotations-")) {
        modulePath.add(entry);
      }
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "--module-path", String.join(File.pathSeparator, modulePath),
        "--add-modules", "io.github.dualcache", source.toString(), MEMCACHED.address())
        .redirectOutput(folder.resolve("stdout").toFile())
        .redirectError(folder.resolve("stderr").toFile())
        .start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the program did not finish");
    String stdout = Files.readString(folder.resolve("stdout"), StandardCharsets.UTF_8);
    String stderr = Files.readString(folder.resolve("stderr"), StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), "module path " + modulePath + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr);
    assertEquals(List.of("provider=io.github.dualcache.spi.DualcacheCachingProvider", "value=43"), stdout.lines().toList());
  }

  @Test
  void itsDependenciesAreRelocatedSoTheyCannotClashWithTheApplications() throws IOException {
    try (JarFile jar = new JarFile(standaloneJar().toFile())) {
      List<String> names = jar.stream().map(ZipEntry::getName).toList();
      assertTrue(names.contains("io/github/dualcache/shaded/net/spy/memcached/MemcachedClient.class"), "spymemcached inside");
      assertTrue(names.stream().anyMatch(name -> name.startsWith("io/github/dualcache/shaded/com/fasterxml/jackson/")),
          "Jackson inside");
      assertEquals(List.of(), names.stream()
          .filter(name -> name.endsWith(".class"))
          .filter(name -> !name.startsWith("io/github/dualcache/"))
          .toList(), "classes outside dualcache's packages");
      assertTrue(names.contains("META-INF/services/javax.cache.spi.CachingProvider"));
    }
  }
}
