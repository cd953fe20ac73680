package io.github.dualcache.soak;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import javax.cache.Cache;
import javax.cache.CacheException;

/**
 * Measures how stale another JVM's reads are: this JVM writes increasing numbers to its own key
 * every {@value #WRITE_EVERY_MILLIS} ms, noting when each write was acknowledged, and reads the
 * other JVM's key every {@value #READ_EVERY_MILLIS} ms, noting when each read started and what it
 * saw. {@link Staleness} later pairs one JVM's reads with the other's writes.
 */
final class StalenessProbe {
  private static final long WRITE_EVERY_MILLIS = 10;
  private static final long READ_EVERY_MILLIS = 5;

  private final Cache<String, String> cache;
  private final String ownKey;
  private final String peerKey;

  StalenessProbe(Cache<String, String> cache, String ownKey, String peerKey) {
    this.cache = cache;
    this.ownKey = ownKey;
    this.peerKey = peerKey;
  }

  /** Writes {@code <seq> <ackNanos>} lines to {@code writes}, {@code <startNanos> <seq or ->} to {@code reads}. */
  void run(long millis, Path writes, Path reads) throws InterruptedException, IOException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    List<String> written = new ArrayList<>();
    List<String> read = new ArrayList<>();
    Thread writer = new Thread(() -> {
      for (long seq = 1; System.nanoTime() - deadline < 0; seq++) {
        try {
          cache.put(ownKey, Long.toString(seq));
          written.add(seq + " " + System.nanoTime());
        } catch (CacheException e) {
          // may or may not have landed: its value is newer than any acknowledged before, so harmless
        }
        LockSupport.parkNanos(WRITE_EVERY_MILLIS * 1_000_000);
      }
    }, "probe-writer");
    writer.start();
    while (System.nanoTime() - deadline < 0) {
      long start = System.nanoTime();
      try {
        String value = cache.get(peerKey);
        read.add(start + " " + (value == null ? "-" : value));
      } catch (CacheException e) {
        // a failed read serves nothing stale
      }
      LockSupport.parkNanos(READ_EVERY_MILLIS * 1_000_000);
    }
    writer.join();
    Files.write(writes, written, StandardCharsets.UTF_8);
    Files.write(reads, read, StandardCharsets.UTF_8);
  }
}
