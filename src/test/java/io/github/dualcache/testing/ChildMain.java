package io.github.dualcache.testing;

import java.util.HashMap;
import java.util.Map;
import javax.cache.CacheManager;

/**
 * What the main of every command-driven child JVM does around its work: a failure is printed as
 * {@code ERROR ...} with its stack trace on standard output (where {@link ChildJvm} reads it), the
 * manager is always closed, and the JVM exits with 0, or 1 after a failure.
 */
public final class ChildMain {
  /** The child's work; it may throw anything, assertion errors included. */
  public interface Work {
    void run() throws Exception;
  }

  private ChildMain() {}

  public static void run(CacheManager manager, Work work) {
    int status = 0;
    try {
      work.run();
    } catch (Exception | AssertionError e) {
      System.out.println("ERROR " + e);
      e.printStackTrace(System.out);
      status = 1;
    } finally {
      manager.close();
      System.out.flush();
    }
    System.exit(status);
  }

  /** The {@code name=value} words of a command line or argument list, from index {@code from} on. */
  public static Map<String, String> parameters(String[] words, int from) {
    Map<String, String> parsed = new HashMap<>();
    for (int i = from; i < words.length; i++) {
      int eq = words[i].indexOf('=');
      parsed.put(words[i].substring(0, eq), words[i].substring(eq + 1));
    }
    return parsed;
  }
}
