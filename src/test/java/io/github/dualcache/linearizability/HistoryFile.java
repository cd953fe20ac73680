package io.github.dualcache.linearizability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads and writes histories as text, one operation a line, so that recording (in several JVMs) and checking are
 * separate steps.
 *
 * <p>A line is {@code process start end key op arg1 arg2 result}, tab-separated, with {@code -} for null and
 * {@code !} as the result of a call that threw. Blank lines and lines starting with {@code #} are skipped.
 */
public final class HistoryFile {

  /** The first line {@link #write} writes, naming the fields. */
  public static final String HEADER = "# process\tstartNanos\tendNanos\tkey\top\targ1\targ2\tresult";

  private static final int FIELDS = 8;

  private HistoryFile() {}

  /** The operations in {@code file}; a malformed line is an {@link IllegalArgumentException} naming it. */
  public static List<Operation> read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
  }

  /** The operations in all of {@code files}, such as the histories the JVMs of one test wrote. */
  public static List<Operation> read(Collection<Path> files) throws IOException {
    List<Operation> history = new ArrayList<>();
    for (Path file : files) {
      history.addAll(read(file));
    }
    return history;
  }

  /** The operations in {@code lines}; {@code source} names them in error messages. */
  public static List<Operation> parse(List<String> lines, String source) {
    List<Operation> history = new ArrayList<>(lines.size());
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      try {
        history.add(parseLine(line));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(source + " line " + (i + 1) + ": " + e.getMessage() + ": " + line, e);
      }
    }
    return history;
  }

  /** One operation from one line. */
  public static Operation parseLine(String line) {
    String[] fields = line.split("\t", -1);
    if (fields.length != FIELDS) {
      throw new IllegalArgumentException(
          "expected " + FIELDS + " tab-separated fields, found " + fields.length);
    }
    OpType type = OpType.byWireName(fields[4]);
    if (type == null) {
      throw new IllegalArgumentException("unknown operation '" + fields[4] + "'");
    }
    return new Operation(fields[0], time("startNanos", fields[1]), time("endNanos", fields[2]), fields[3], type,
        orNull(fields[5]), orNull(fields[6]), orNull(fields[7]));
  }

  /** The line for {@code op}, without a line separator. */
  public static String format(Operation op) {
    return String.join("\t", op.process(), Long.toString(op.start()), Long.toString(op.end()), op.key(),
        op.type().wireName(), orDash(op.arg1()), orDash(op.arg2()), orDash(op.result()));
  }

  /** Writes {@link #HEADER} and then {@code history}, one line each, replacing {@code file}. */
  public static void write(Path file, Collection<Operation> history) throws IOException {
    List<String> lines = new ArrayList<>(history.size() + 1);
    lines.add(HEADER);
    for (Operation op : history) {
      lines.add(format(op));
    }
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  private static long time(String field, String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " must be an integer, not '" + text + "'", e);
    }
  }

  private static String orNull(String field) {
    return field.equals("-") ? null : field;
  }

  private static String orDash(String value) {
    return value == null ? "-" : value;
  }
}
