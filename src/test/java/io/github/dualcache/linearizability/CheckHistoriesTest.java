package io.github.dualcache.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: files of two JVMs checked together, the report printed, the verdict in the exit status. */
class CheckHistoriesTest {

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void aStaleReadAcrossJvmsIsAViolationUnlessWithinTheStalenessBound() throws IOException {
    Path jvm0 = write("jvm0.tsv", Ops.op("jvm0-t0", 0, 1_000, OpType.PUT, "1", "-"),
        Ops.op("jvm0-t0", 2_000, 3_000, OpType.PUT, "2", "-"));
    Path jvm1 = write("jvm1.tsv", Ops.op("jvm1-t0", 4_000, 5_000, OpType.GET, "1"));

    assertEquals(1, run(jvm0.toString(), jvm1.toString()), err::toString);
    assertTrue(out().contains("key k: 3 ops, 0 with unknown outcome: VIOLATION"), this::out);
    assertTrue(out().contains("    * [4000, 5000] jvm1-t0 get() -> 1"), this::out);

    out.reset();
    assertEquals(0, run("--staleness-ms", "3", jvm0.toString(), jvm1.toString()), err::toString);
    assertTrue(out().contains("=> LINEARIZABLE"), this::out);
  }

  @Test
  void reachingTheSearchBoundExitsWithItsOwnStatus() throws IOException {
    Path file = write("h.tsv", Ops.op("jvm0-t0", 0, 10, OpType.INCREMENT, "-"),
        Ops.op("jvm0-t1", 0, 10, OpType.INCREMENT, "1"), Ops.op("jvm0-t2", 0, 10, OpType.INCREMENT, "2"));
    assertEquals(3, run("--max-states", "1", file.toString()), err::toString);
    assertTrue(out().contains("=> UNKNOWN"), this::out);
  }

  @Test
  void badArgumentsAndFilesExitWithTwo() {
    assertEquals(2, run());
    assertEquals(2, run("--max-states"));
    assertEquals(2, run(dir.resolve("missing.tsv").toString()));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: CheckHistories"));
  }

  private Path write(String name, Operation... ops) throws IOException {
    Path file = dir.resolve(name);
    HistoryFile.write(file, List.of(ops));
    return file;
  }

  private int run(String... args) {
    return CheckHistories.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
