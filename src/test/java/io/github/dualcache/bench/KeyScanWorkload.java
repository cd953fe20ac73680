package io.github.dualcache.bench;

import io.github.dualcache.testing.MemcachedServer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

/**
 * What {@code iterator()} and {@code removeAll()} cost: they enumerate a cache's keys with
 * {@code lru_crawler metadump all}, a scan of every item on the server, so their cost follows the
 * server's size, not the cache's. Fills one memcached with B items of other applications and
 * measures a cache of N entries on it.
 *
 * <p>Run: {@code mvn -q test-compile exec:exec@scan}.
 */
public final class KeyScanWorkload {
  private static final int N = 1_000;
  private static final int[] BACKGROUND = {0, 10_000, 100_000, 300_000};

  public static void main(String[] args) throws Exception {
    System.out.printf("%10s %8s %12s %12s %12s %12s %14s%n", "server", "cache", "iterate ms", "removeAll ms",
        "N puts ms", "N gets ms", "2 iterate ms");
    for (int background : BACKGROUND) {
      try (MemcachedServer server = MemcachedServer.start("-m", "1024")) {
        fillBackground(server, background);
        Properties properties = new Properties();
        properties.setProperty("dualcache.global.servers", server.address());
        CacheManager manager = Caching.getCachingProvider("io.github.dualcache.spi.DualcacheCachingProvider")
            .getCacheManager(URI.create("dualcache://scan-" + background), KeyScanWorkload.class.getClassLoader(),
                properties);
        try {
          Cache<Integer, String> cache = manager.createCache("scanned", new MutableConfiguration<Integer, String>()
              .setTypes(Integer.class, String.class));
          Map<Integer, String> entries = new HashMap<>();
          for (int i = 0; i < N; i++) {
            entries.put(i, "v".repeat(100));
          }
          long puts = timed(() -> entries.forEach(cache::put));
          long gets = timed(() -> entries.keySet().forEach(cache::get));
          long[] iterations = new long[5];
          for (int i = 0; i < iterations.length; i++) {
            iterations[i] = timed(() -> count(cache, N));
          }
          long[] removals = new long[3];
          for (int i = 0; i < removals.length; i++) {
            cache.putAll(entries);
            removals[i] = timed(cache::removeAll);
          }
          cache.putAll(entries);
          long both = timed(() -> {
            Thread other = new Thread(() -> count(cache, N));
            other.start();
            count(cache, N);
            join(other);
          });
          System.out.printf("%,10d %,8d %12d %12d %12d %12d %14d%n", background + N, N, median(iterations),
              median(removals), puts, gets, both);
        } finally {
          manager.close();
        }
      }
    }
  }

  private static void count(Cache<Integer, String> cache, int expected) {
    int seen = 0;
    for (Iterator<Cache.Entry<Integer, String>> entries = cache.iterator(); entries.hasNext(); entries.next()) {
      seen++;
    }
    if (seen != expected) {
      throw new IllegalStateException("iterated " + seen + " entries, expected " + expected);
    }
  }

  /** Pipelined {@code set ... noreply} of 100-byte items another application owns. */
  private static void fillBackground(MemcachedServer server, int items) throws IOException {
    byte[] value = "x".repeat(100).getBytes(StandardCharsets.US_ASCII);
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
      for (int i = 0; i < items; i++) {
        out.write(("set other:" + i + " 0 0 100 noreply\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(value);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      }
      out.write("mn\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] reply = new byte[2];
      if (in.readNBytes(reply, 0, 2) != 2) {
        throw new IOException("memcached closed the connection while filling");
      }
    }
    long stored = Long.parseLong(server.stats().get("curr_items"));
    if (stored < items) {
      throw new IllegalStateException("memcached holds " + stored + " items, " + items + " were set");
    }
  }

  private static long timed(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
