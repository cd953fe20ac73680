package io.github.dualcache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.dualcache.testing.Boxes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The global layer is shared: by CacheManagers in one JVM and by other JVMs. */
class SharedStorageTest {

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  private static Cache<String, String> stringCache(CacheManager manager, String name) {
    return manager.createCache(
        name, new MutableConfiguration<String, String>().setTypes(String.class, String.class));
  }

  @Test
  void twoManagersSeeEachOthersWrites(TestInfo test) {
    String name = test.getTestMethod().orElseThrow().getName();
    Cache<String, String> a = stringCache(BOXES.manager(), name);
    Cache<String, String> b = stringCache(BOXES.manager(), name);

    a.put("k1", "from-a");
    assertEquals("from-a", b.get("k1"));
    assertTrue(b.containsKey("k1"));

    b.put("k2", "from-b");
    assertEquals("from-b", a.get("k2"));

    b.put("k1", "overwritten-by-b");
    assertEquals("overwritten-by-b", a.get("k1"));

    a.remove("k2");
    assertNull(b.get("k2"));
    assertFalse(b.containsKey("k2"));
  }

  @Test
  void anotherJvmSeesWritesAndViceVersa(TestInfo test) throws Exception {
    String name = test.getTestMethod().orElseThrow().getName();
    Cache<String, String> cache = stringCache(BOXES.manager(), name);
    cache.put("shared", "written-by-parent");

    Path output = Files.createTempFile("another-jvm-", ".out");
    try {
      Process child =
          new ProcessBuilder(
                  List.of(javaBinary(), "-cp", testClassPath(), AnotherJvm.class.getName(),
                      BOXES.globalServers(), name, "shared"))
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      boolean exited = child.waitFor(60, TimeUnit.SECONDS);
      String printed = Files.readString(output, StandardCharsets.UTF_8);
      if (!exited) {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      assertTrue(printed.contains("value=written-by-parent"), "child JVM printed:\n" + printed);
      assertTrue(printed.contains("done"), "child JVM printed:\n" + printed);
      if (!exited) {
        fail("child JVM did not exit within 60 s after CacheManager.close() — client threads left"
            + " running? Output:\n" + printed);
      }
      assertEquals(0, child.exitValue(), "child JVM printed:\n" + printed);
    } finally {
      Files.deleteIfExists(output);
    }
    assertEquals("written-by-child", cache.get("shared-child"));
  }

  private static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Surefire may run tests from a manifest-only jar; its real class path is in this property. */
  private static String testClassPath() {
    String classPath = System.getProperty("surefire.test.class.path");
    return classPath == null || classPath.isBlank() ? System.getProperty("java.class.path") : classPath;
  }
}
