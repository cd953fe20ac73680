package io.github.dualcache.consistency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.dualcache.testing.Boxes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.cache.Cache;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Single-key operations from 2 JVMs x 4 threads on one cache, in each local layer configuration:
 * races that must have exactly one winner, and entry-processor increments that must all count.
 * Results of writes and conditional operations come from the global layer in every
 * configuration, so these checks are exact whatever the local layer.
 *
 * <p>What makes them fail: a compare-and-set that maps memcached's {@code NOT_FOUND} (the item
 * was removed since it was read) to "absent, so add" lets two {@code getAndRemove}s take the same
 * number and an increment write over a completed remove (checked by restoring that mapping).
 */
class ConsistencyTest {
  private static final int THREADS = 4;
  private static final long LOCAL_TTL_MILLIS = 1_000;

  @RegisterExtension static final Boxes BOXES = Boxes.withGlobalServers(1);

  @ParameterizedTest(name = "local layer {0}")
  @ValueSource(strings = {"none", "heap", "memcached"})
  void everyRaceHasExactlyOneWinnerAndNoIncrementIsLost(String localType) throws IOException {
    try (TwoJvms jvms = new TwoJvms(BOXES.globalServers(), localType, LOCAL_TTL_MILLIS, THREADS)) {
      Cache<String, String> observer = BOXES.open("none", Duration.ofSeconds(1)).manager()
          .createCache(jvms.cacheName(), Boxes.strings());

      observer.put(TokenRing.KEY, "0");
      List<String> ring = lines(jvms.run("ring", "advances=25 seed=" + System.nanoTime()));
      assertTokenTakenOncePerNumber(ring, observer.get(TokenRing.KEY));

      List<String> fresh = lines(jvms.run("fresh",
          "rounds=200 periodMicros=3000 startAt=" + (System.nanoTime() + 300_000_000L)));
      assertOneWinnerPerFreshKey(fresh, 200, observer);

      int count = 10_000;
      List<String> increments = lines(jvms.run("increments", "count=" + count + " removeEvery=500"));
      long banked = increments.stream().mapToLong(line -> field(line, "banked")).sum();
      long counted = increments.stream().mapToLong(line -> field(line, "increments")).sum();
      String left = observer.get(Increments.KEY);
      assertEquals(2L * THREADS * count, counted);
      assertEquals(counted, banked + (left == null ? 0 : Long.parseLong(left)),
          "increments lost or counted twice: " + banked + " banked by getAndRemove, " + left + " left in the counter");
    }
  }

  private static void assertTokenTakenOncePerNumber(List<String> lines, String last) {
    List<String> failures = lines.stream().filter(line -> line.startsWith("failure")).toList();
    assertEquals(List.of(), failures, "a released token was found taken by someone else");
    Map<Long, List<String>> takers = new TreeMap<>();
    for (String line : lines) {
      String[] words = line.split(" ");
      takers.computeIfAbsent(Long.parseLong(words[1]), n -> new ArrayList<>()).add(words[2] + " by " + words[3]);
    }
    List<String> twice = new ArrayList<>();
    takers.forEach((number, who) -> {
      if (who.size() > 1) {
        twice.add(number + " taken by " + who);
      }
    });
    assertEquals(List.of(), twice, "numbers taken by more than one race winner");
    long taken = takers.size();
    assertEquals(2L * THREADS * 25, taken);
    assertEquals(0L, takers.keySet().iterator().next());
    assertEquals(taken - 1, ((TreeMap<Long, List<String>>) takers).lastKey(), "numbers skipped: " + takers.keySet());
    assertEquals(Long.toString(taken), last, "the key must end at the count of numbers taken");
  }

  private static void assertOneWinnerPerFreshKey(List<String> lines, int rounds, Cache<String, String> observer) {
    Map<Integer, List<String>> winners = new TreeMap<>();
    for (String line : lines) {
      String[] words = line.split(" ");
      winners.computeIfAbsent(Integer.parseInt(words[1]), round -> new ArrayList<>()).add(words[2]);
    }
    List<String> wrong = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      List<String> won = winners.getOrDefault(round, List.of());
      String held = observer.get("fresh-" + round);
      if (won.size() != 1 || !won.get(0).equals(held)) {
        wrong.add("fresh-" + round + ": putIfAbsent won by " + won + ", key holds " + held);
      }
    }
    assertTrue(wrong.isEmpty(), wrong.size() + " fresh keys without exactly one winner: " + wrong);
  }

  private static List<String> lines(List<Path> files) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path file : files) {
      lines.addAll(Files.readAllLines(file));
    }
    return lines;
  }

  private static long field(String line, String name) {
    for (String part : line.split(" ")) {
      if (part.startsWith(name + "=")) {
        return Long.parseLong(part.substring(name.length() + 1));
      }
    }
    throw new AssertionError("no " + name + " in " + line);
  }
}
