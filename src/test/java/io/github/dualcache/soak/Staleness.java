package io.github.dualcache.soak;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;

/**
 * The staleness of one JVM's reads of the key another JVM writes ({@link StalenessProbe}): a read
 * that started at s and saw number v was stale by s - a, where a is when the first write of a
 * number above v was acknowledged, if that was before s. A read that saw nothing (the data was
 * lost with a server) is not counted.
 */
final class Staleness {

  private Staleness() {}

  /** The largest staleness of the reads in {@code readsFile} against the writes in {@code writesFile}, in nanos. */
  static long largestNanos(Path writesFile, Path readsFile) throws IOException {
    TreeMap<Long, Long> ackBySeq = new TreeMap<>();
    for (String line : Files.readAllLines(writesFile)) {
      String[] words = line.split(" ");
      ackBySeq.put(Long.parseLong(words[0]), Long.parseLong(words[1]));
    }
    // The earliest acknowledgement of a number at or above each number: a suffix minimum.
    TreeMap<Long, Long> earliestAckFrom = new TreeMap<>();
    long earliest = Long.MAX_VALUE;
    for (var entry : ackBySeq.descendingMap().entrySet()) {
      earliest = Math.min(earliest, entry.getValue());
      earliestAckFrom.put(entry.getKey(), earliest);
    }
    long largest = 0;
    for (String line : Files.readAllLines(readsFile)) {
      String[] words = line.split(" ");
      if (words[1].equals("-")) {
        continue;
      }
      long start = Long.parseLong(words[0]);
      Long newer = earliestAckFrom.higherKey(Long.parseLong(words[1]));
      if (newer != null) {
        largest = Math.max(largest, start - earliestAckFrom.get(newer));
      }
    }
    return largest;
  }
}
