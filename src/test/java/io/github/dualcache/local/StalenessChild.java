package io.github.dualcache.local;

import io.github.dualcache.testing.Boxes;
import io.github.dualcache.testing.ChildMain;
import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * Run in a separate JVM by {@link StalenessAcrossJvmsTest}: a box with a heap local layer that
 * reads one key until it sees a new value, and reports when (wall-clock epoch milliseconds, which
 * both JVMs on this host read from the same system clock).
 *
 * <p>Arguments: {@code <global servers> <cache> <key> <local ttl ms> <v1> <v2> <give up after ms>}.
 * Prints {@code READY fill=<ms>} once its local copy of v1 is filled, then polls, and finally
 * {@code RESULT reads=.. lastV1Start=.. firstV2Start=.. firstV2End=.. unexpected=..} (0 = never).
 */
public final class StalenessChild {

  private StalenessChild() {}

  public static void main(String[] args) throws Exception {
    String servers = args[0];
    String cacheName = args[1];
    String key = args[2];
    long ttlMillis = Long.parseLong(args[3]);
    String v1 = args[4];
    String v2 = args[5];
    long giveUpMillis = Long.parseLong(args[6]);

    CacheManager manager = Boxes.openManager(servers, "dualcache.timeout", "2s", "dualcache.local.type", "heap",
        "dualcache.local.ttl", ttlMillis + "ms");
    ChildMain.run(manager, () -> {
      Cache<String, String> cache = manager.createCache(cacheName, Boxes.strings());
      long fill = System.currentTimeMillis();
      String first = cache.get(key);
      if (!v1.equals(first)) {
        throw new AssertionError("first read returned " + first + ", expected " + v1);
      }
      System.out.println("READY fill=" + fill);
      System.out.flush();

      long giveUp = System.currentTimeMillis() + giveUpMillis;
      long lastV1Start = 0;
      long firstV2Start = 0;
      long firstV2End = 0;
      long reads = 0;
      StringBuilder unexpected = new StringBuilder();
      while (System.currentTimeMillis() < giveUp) {
        long start = System.currentTimeMillis();
        String value = cache.get(key);
        long end = System.currentTimeMillis();
        reads++;
        if (v1.equals(value)) {
          lastV1Start = start;
          if (firstV2Start != 0) {
            unexpected.append("v1-after-v2@").append(reads).append(';');
          }
        } else if (v2.equals(value)) {
          if (firstV2Start == 0) {
            firstV2Start = start;
            firstV2End = end;
          }
        } else {
          unexpected.append(value).append('@').append(reads).append(';');
        }
        if (firstV2Start != 0 && end - firstV2End > 200) {
          break; // keep polling a little after v2 to catch a return to v1
        }
        Thread.sleep(1);
      }
      System.out.println("RESULT reads=" + reads + " lastV1Start=" + lastV1Start + " firstV2Start=" + firstV2Start
          + " firstV2End=" + firstV2End + " unexpected=" + (unexpected.length() == 0 ? "-" : unexpected));
      System.out.flush();
    });
  }
}
