package io.github.dualcache.memcached;

import io.github.dualcache.settings.HostAndPort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import javax.cache.CacheException;

/**
 * Enumerates keys with {@code lru_crawler metadump all}, which spymemcached does not speak.
 *
 * <p>This is how {@code iterator()} and {@code removeAll()} find a cache's entries. The price is a
 * scan of each server's items per call, paid only by those calls; the alternative, a key index
 * kept by the provider, would cost every write and cap a cache at one item's worth of keys. A
 * server runs one crawl at a time and answers {@code BUSY} to a second, so we retry until the
 * scan bound passes.
 *
 * <p>A crawl of the LRUs ({@code metadump all}) is not a snapshot: an item the server moves
 * between LRU segments while the crawler walks them (a recently read item, say) can be skipped
 * (measured: 43 of 300,000 items missing from one dump; and in a 4-item cache whose items had
 * just been read, one {@code removeAll} in 10 left an item behind, both of its crawls having
 * missed it). So we walk the hash table instead ({@code metadump hash}), where items do not
 * move, and fall back to the LRUs on a server too old to know it. Either way we crawl until a
 * crawl finds no key the earlier ones missed: at least {@value #MIN_CRAWLS} crawls, at most
 * {@value #MAX_CRAWLS}.
 */
final class KeyCrawler {
  private static final long MIN_SCAN_MILLIS = 10_000;
  static final int MIN_CRAWLS = 2;
  static final int MAX_CRAWLS = 4;

  private final String role;
  private final List<HostAndPort> servers;
  private final int connectTimeoutMillis;
  private final long scanMillis;
  /** Servers that answered {@code metadump hash} with an error: they are crawled by LRU. */
  private final Set<HostAndPort> withoutHashDump = ConcurrentHashMap.newKeySet();

  KeyCrawler(String role, List<HostAndPort> servers, Duration timeout) {
    this.role = role;
    this.servers = servers;
    this.connectTimeoutMillis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    this.scanMillis = Math.max(MIN_SCAN_MILLIS, timeout.toMillis() * 20);
  }

  List<String> keysWithPrefix(String prefix) {
    Set<String> keys = new LinkedHashSet<>();
    for (int crawl = 1; crawl <= MAX_CRAWLS; crawl++) {
      int known = keys.size();
      for (HostAndPort server : servers) {
        keys.addAll(crawl(server, prefix));
      }
      if (crawl >= MIN_CRAWLS && keys.size() == known) {
        break;
      }
    }
    return new ArrayList<>(keys);
  }

  private List<String> crawl(HostAndPort server, String prefix) {
    long deadline = System.nanoTime() + scanMillis * 1_000_000;
    long pauseNanos = 1_000_000;
    while (true) {
      List<String> keys = tryCrawl(server, prefix, deadline, withoutHashDump.contains(server) ? "all" : "hash");
      if (keys != null) {
        return keys;
      }
      if (System.nanoTime() + pauseNanos > deadline) {
        throw new CacheException(role + " memcached " + server + " stayed BUSY with another crawl for "
            + scanMillis + " ms while listing keys");
      }
      LockSupport.parkNanos(pauseNanos);
      pauseNanos = Math.min(pauseNanos * 2, 100_000_000);
    }
  }

  /**
   * @param what {@code hash} or {@code all}
   * @return the matching keys, or null to try again: the server is busy with another crawl, or
   *     answered a {@code hash} dump with an error (it is then walked by LRU, which reports a
   *     disabled crawler itself)
   */
  private List<String> tryCrawl(HostAndPort server, String prefix, long deadline, String what) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(server.host(), server.port()), connectTimeoutMillis);
      socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      OutputStream out = socket.getOutputStream();
      out.write(("lru_crawler metadump " + what + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
      List<String> keys = new ArrayList<>();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.equals("END")) {
          return keys;
        } else if (line.startsWith("BUSY")) {
          return null;
        } else if (line.startsWith("key=")) {
          int end = line.indexOf(' ');
          String key = URLDecoder.decode(line.substring(4, end < 0 ? line.length() : end), StandardCharsets.US_ASCII);
          if (key.startsWith(prefix)) {
            keys.add(key);
          }
        } else if (line.startsWith("ERROR") || line.startsWith("CLIENT_ERROR") || line.startsWith("SERVER_ERROR")) {
          if (what.equals("hash") && keys.isEmpty()) {
            withoutHashDump.add(server);
            return null;
          }
          throw new CacheException(role + " memcached " + server + " cannot list keys (" + line
              + "); the LRU crawler must be enabled (memcached 1.4.31+ with -o lru_crawler)");
        }
      }
      throw new CacheException(role + " memcached " + server + " closed the connection while listing keys");
    } catch (IOException e) {
      throw new CacheException(role + " memcached " + server + " failed while listing keys: " + e.getMessage(), e);
    }
  }
}
