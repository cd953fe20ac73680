package io.github.dualcache.it;

import io.github.dualcache.testing.Boxes;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

/**
 * Run in a separate JVM by {@link SharedStorageTest}: reads one key of a String cache on the given
 * global server and prints {@code value=<value>}, then writes {@code written-by-child} under
 * {@code <key>-child}.
 *
 * <p>Arguments: {@code <servers> <cache> <key>}. It returns from {@code main} normally, so the
 * process exits only if {@code CacheManager.close()} stops every non-daemon client thread.
 */
public final class AnotherJvm {

  private AnotherJvm() {}

  public static void main(String[] args) {
    String servers = args[0];
    String cacheName = args[1];
    String key = args[2];
    CacheManager manager = Boxes.openManager(servers, "dualcache.timeout", "2s");
    try {
      Cache<String, String> cache =
          manager.createCache(
              cacheName, new MutableConfiguration<String, String>().setTypes(String.class, String.class));
      System.out.println("value=" + cache.get(key));
      cache.put(key + "-child", "written-by-child");
      System.out.println("done");
      System.out.flush();
    } finally {
      manager.close();
    }
  }
}
