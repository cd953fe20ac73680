package io.github.dualcache.it;

import io.github.dualcache.testing.Boxes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

/**
 * Run in a separate JVM by {@link QuietLoggingTest}: a normal run (manager, cache, put, get,
 * close) with stderr captured from the first line, then prints what stderr received and the
 * {@code net.spy.log.LoggerImpl} system property as it is at the end.
 *
 * <p>Arguments: {@code <servers>}.
 */
public final class QuietChild {

  private QuietChild() {}

  public static void main(String[] args) {
    PrintStream stdout = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    CacheManager manager = Boxes.openManager(args[0], "dualcache.timeout", "2s");
    try {
      Cache<String, String> cache = manager.createCache("quiet",
          new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      cache.put("k", "v");
      stdout.println("value=" + cache.get("k"));
    } finally {
      manager.close();
    }
    stdout.println("property=" + System.getProperty("net.spy.log.LoggerImpl"));
    stdout.println("stderr-bytes=" + captured.size());
    stdout.println("stderr=" + captured.toString(StandardCharsets.UTF_8).replace('\n', '|'));
    stdout.println("done");
  }
}
