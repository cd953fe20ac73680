package io.github.dualcache.linearizability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The history file format: what the writer writes the parser reads back, and bad lines are named. */
class HistoryFileTest {

  @TempDir Path dir;

  @Test
  void readsBackWhatItWrote() throws IOException {
    List<Operation> history = RandomHistories.generate(new Random(7), 4, 500, 3, 0.1);
    Path file = dir.resolve("history.tsv");
    HistoryFile.write(file, history);
    assertEquals(history, HistoryFile.read(file));
    assertEquals(HistoryFile.HEADER, Files.readAllLines(file).get(0));
  }

  @Test
  void linesAreTabSeparatedWithDashForNullAndBangForThrew() {
    Operation op = HistoryFile.parseLine("jvm1-t3\t-5\t20\tcounter\treplaceIf\t1\t2\t!");
    assertEquals(new Operation("jvm1-t3", -5, 20, "counter", OpType.REPLACE_IF, "1", "2", Operation.THREW), op);
    assertTrue(op.threw());
    assertEquals("jvm1", op.jvm());
    Operation get = new Operation("main", 1, 2, "k", OpType.GET, null, null, null);
    assertEquals("main\t1\t2\tk\tget\t-\t-\t-", HistoryFile.format(get));
    assertEquals("main", get.jvm());
  }

  @Test
  void readsSeveralFilesSkippingBlankAndCommentLines() throws IOException {
    Path jvm0 = Files.writeString(dir.resolve("jvm0.tsv"), "# jvm0\n\njvm0-t0\t0\t10\tk\tput\t1\t-\t-\n");
    Path jvm1 = Files.writeString(dir.resolve("jvm1.tsv"), "jvm1-t0\t20\t30\tk\tget\t-\t-\t1\n");
    assertEquals(2, HistoryFile.read(List.of(jvm0, jvm1)).size());
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', value = {
      "jvm0-t0\t0\t10\tk\tput\t1\t-|expected 8 tab-separated fields, found 7",
      "jvm0-t0\tzero\t10\tk\tput\t1\t-\t-|startNanos must be an integer, not 'zero'",
      "jvm0-t0\t0\t10\tk\tpop\t1\t-\t-|unknown operation 'pop'",
      "jvm0-t0\t0\t10\tk\tput\t1\t-\ttrue|put returns nothing (-), not true",
      "jvm0-t0\t0\t10\tk\tremove\t-\t-\t-|remove returns true or false, not -",
      "jvm0-t0\t0\t10\tk\tget\t-\t-\tx|get returns a decimal integer or -, not x",
      "jvm0-t0\t0\t10\tk\treplaceIf\t1\t-\ttrue|replaceIf takes 2 arguments: arg2 must be a decimal integer, not -",
      "jvm0-t0\t0\t10\tk\tget\t1\t-\t-|get takes 0 arguments: arg1 must be -, not 1",
      "jvm0-t0\t0\t10\tk\tput\t007\t-\t-|put takes 1 argument: arg1 must be a decimal integer, not 007",
      "jvm0-t0\t10\t0\tk\tget\t-\t-\t-|end 0 is before start 10",
  })
  void aMalformedLineIsNamedWithWhatIsWrong(String line, String problem) {
    List<String> lines = List.of(HistoryFile.HEADER, "jvm0-t1\t0\t1\tk\tget\t-\t-\t-", line);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HistoryFile.parse(lines, "h.tsv"));
    assertEquals("h.tsv line 3: " + problem + ": " + line, e.getMessage());
  }

  @Test
  void aMalformedFileIsNamed() throws IOException {
    Path file = Files.write(dir.resolve("bad.tsv"), List.of("jvm0-t0\t0\t10\tk\tget"), StandardCharsets.UTF_8);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HistoryFile.read(file));
    assertTrue(e.getMessage().startsWith(file + " line 1: expected 8"), e.getMessage());
  }
}
