package io.github.dualcache.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dualcache.testing.ChildJvm;
import io.github.dualcache.testing.MemcachedExtension;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A normal run prints nothing on stderr (spymemcached's per-connection INFO lines go to
 * {@code System.Logger} at DEBUG), and a logger the application chose for spymemcached is kept.
 */
class QuietLoggingTest {

  @RegisterExtension static final MemcachedExtension MEMCACHED = new MemcachedExtension();

  private static List<String> run(String... jvmOptions) {
    try (ChildJvm child = ChildJvm.start("quiet", QuietChild.class, List.of(jvmOptions), List.of(MEMCACHED.address()))) {
      child.awaitLine("done", 60, TimeUnit.SECONDS);
      assertEquals(0, child.awaitExit(30, TimeUnit.SECONDS), child.output());
      return child.output().lines().toList();
    }
  }

  private static String field(List<String> lines, String name) {
    return lines.stream().filter(line -> line.startsWith(name + "=")).findFirst()
        .map(line -> line.substring(name.length() + 1)).orElseThrow(() -> new AssertionError("no " + name + ": " + lines));
  }

  @Test
  void aNormalRunPrintsNothingOnStderr() {
    List<String> lines = run();
    assertEquals("v", field(lines, "value"));
    assertEquals("0", field(lines, "stderr-bytes"), "stderr received: " + field(lines, "stderr"));
  }

  @Test
  void aLoggerTheApplicationChoseForSpymemcachedIsKept() {
    List<String> lines = run("-Dnet.spy.log.LoggerImpl=net.spy.memcached.compat.log.SunLogger");
    assertEquals("net.spy.memcached.compat.log.SunLogger", field(lines, "property"));
  }
}
