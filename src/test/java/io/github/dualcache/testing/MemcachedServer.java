package io.github.dualcache.testing;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real memcached process on a free loopback port, spoken to with the plain text protocol so that
 * tests never depend on the client under test.
 *
 * <p>Keys passed to and returned by the raw methods are Latin-1 strings: one char per key byte, so
 * byte lengths and printable-ASCII checks are exact.
 */
public final class MemcachedServer implements AutoCloseable {

  private static final String HOST = "127.0.0.1";
  private static final int START_ATTEMPTS = 5;
  private static final long START_TIMEOUT_MILLIS = 10_000;
  private static final int SOCKET_TIMEOUT_MILLIS = 5_000;
  /**
   * Every process started and not yet closed: a JVM that exits without closing its servers (a JMH
   * fork that failed, a test run stopped with Ctrl-C) kills them on the way out rather than leaving
   * memcached processes behind. Only a JVM killed outright (kill -9) still can.
   */
  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
        "memcached-reaper"));
  }

  private final Process process;
  private final int port;
  private final Path stderrFile;
  private volatile boolean frozen;

  private MemcachedServer(Process process, int port, Path stderrFile) {
    this.process = process;
    this.port = port;
    this.stderrFile = stderrFile;
  }

  /**
   * Starts memcached (from {@code MEMCACHED_BIN} or the {@code PATH}) on 127.0.0.1 with UDP off,
   * and returns once it answers {@code version}.
   */
  public static MemcachedServer start(String... extraArgs) {
    String binary = findBinary();
    IllegalStateException failure = null;
    for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
      int port = freePort();
      try {
        return startOn(binary, port, extraArgs);
      } catch (IllegalStateException e) {
        // Most likely another process took the port between our probe and memcached's bind.
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    throw failure;
  }

  /** Starts memcached on {@code port}, e.g. to bring back a killed server where clients expect it. */
  public static MemcachedServer startOn(int port, String... extraArgs) {
    return startOn(findBinary(), port, extraArgs);
  }

  private static MemcachedServer startOn(String binary, int port, String... extraArgs) {
    List<String> command = new ArrayList<>();
    command.add(binary);
    command.addAll(List.of("-l", HOST, "-p", Integer.toString(port), "-U", "0"));
    if ("root".equals(System.getProperty("user.name"))) {
      command.addAll(List.of("-u", "root")); // memcached refuses to run as root without -u
    }
    command.addAll(Arrays.asList(extraArgs));
    Path stderr;
    Process process;
    try {
      stderr = Files.createTempFile("memcached-" + port + "-", ".err");
      stderr.toFile().deleteOnExit();
      process =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(stderr.toFile())
              .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command + ": " + e, e);
    }
    RUNNING.add(process);
    MemcachedServer server = new MemcachedServer(process, port, stderr);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MILLIS);
    while (true) {
      if (!process.isAlive()) {
        RUNNING.remove(process);
        throw new IllegalStateException(
            "memcached exited with status " + process.exitValue() + " while starting: " + command
                + "\nstderr:\n" + server.stderr());
      }
      try {
        String version = server.command("version");
        if (version.startsWith("VERSION")) {
          return server;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      if (System.nanoTime() > deadline) {
        server.close();
        throw new IllegalStateException(
            "memcached did not accept connections on " + server.address() + " within "
                + START_TIMEOUT_MILLIS + " ms: " + command + "\nstderr:\n" + server.stderr());
      }
      sleep(20);
    }
  }

  private static String findBinary() {
    String env = System.getenv("MEMCACHED_BIN");
    if (env != null && !env.isBlank()) {
      return env;
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(File.pathSeparator)) {
        File candidate = new File(dir, "memcached");
        if (candidate.isFile() && candidate.canExecute()) {
          return candidate.getAbsolutePath();
        }
      }
    }
    throw new IllegalStateException(
        "memcached not found: set MEMCACHED_BIN or put memcached on the PATH");
  }

  private static int freePort() {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
        int port = socket.getLocalPort();
        if (port < 10000 || port > 10011) { // the JCache TCK uses 10000-10011
          return port;
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public int port() {
    return port;
  }

  public String address() {
    return HOST + ":" + port;
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Stops the process with SIGSTOP: connections stay open but nothing is answered. */
  public void freeze() {
    signal("-STOP");
    frozen = true;
    awaitState('T');
  }

  /**
   * kill(1) returns once the signal is sent, not once the process has stopped: wait until the
   * kernel reports its state, so a test's next call really meets a frozen server.
   */
  private void awaitState(char state) {
    Path stat = Path.of("/proc", Long.toString(process.pid()), "stat");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (System.nanoTime() < deadline) {
      try {
        String text = Files.readString(stat);
        int afterName = text.lastIndexOf(')');
        if (afterName > 0 && text.length() > afterName + 2 && text.charAt(afterName + 2) == state) {
          return;
        }
      } catch (IOException e) {
        return; // no /proc: nothing to wait for
      }
      LockSupport.parkNanos(1_000_000);
    }
  }

  /** Resumes a frozen process with SIGCONT. */
  public void thaw() {
    signal("-CONT");
    frozen = false;
  }

  public boolean isFrozen() {
    return frozen;
  }

  private void signal(String signal) {
    try {
      Process kill =
          new ProcessBuilder("kill", signal, Long.toString(process.pid()))
              .redirectErrorStream(true)
              .start();
      String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The {@code stats} command's values, e.g. {@code cmd_get}, {@code curr_items}. */
  public Map<String, String> stats() {
    return stats("");
  }

  /** A {@code stats <group>} command, e.g. {@code "settings"} or {@code "items"}. */
  public Map<String, String> stats(String group) {
    String response = command(group.isEmpty() ? "stats" : "stats " + group);
    Map<String, String> stats = new LinkedHashMap<>();
    for (String line : response.split("\r\n")) {
      if (line.startsWith("STAT ")) {
        String[] parts = line.split(" ", 3);
        stats.put(parts[1], parts.length > 2 ? parts[2] : "");
      }
    }
    return stats;
  }

  /**
   * Every key the server holds, from {@code lru_crawler metadump hash} (URL-decoded to Latin-1).
   * Retries while another crawler request makes the server answer {@code BUSY}.
   */
  public List<String> keys() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      // the hash table, not the LRUs: an item just read can be moving between LRUs and missed there
      String response = command("lru_crawler metadump hash", "BUSY", "ERROR", "CLIENT_ERROR");
      if (response.startsWith("BUSY") && System.nanoTime() < deadline) {
        sleep(20);
        continue;
      }
      if (!response.endsWith("END\r\n")) {
        throw new IllegalStateException("lru_crawler metadump hash failed: " + response.trim());
      }
      List<String> keys = new ArrayList<>();
      for (String line : response.split("\r\n")) {
        if (line.startsWith("key=")) {
          int end = line.indexOf(' ');
          keys.add(urlDecode(line.substring(4, end < 0 ? line.length() : end)));
        }
      }
      return keys;
    }
  }

  private static String urlDecode(String encoded) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < encoded.length(); i++) {
      char c = encoded.charAt(i);
      if (c == '%' && i + 2 < encoded.length()) {
        bytes.write(Integer.parseInt(encoded.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.write(c);
      }
    }
    return bytes.toString(StandardCharsets.ISO_8859_1);
  }

  /** A text-protocol {@code get}; {@code null} on a miss. */
  public byte[] rawGet(String key) {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(("get " + key + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      String header = readLine(in);
      if (header.equals("END")) {
        return null;
      }
      String[] parts = header.split(" ");
      if (parts.length < 4 || !parts[0].equals("VALUE")) {
        throw new IllegalStateException("unexpected reply to get " + key + ": " + header);
      }
      byte[] value = in.readNBytes(Integer.parseInt(parts[3]));
      String crlf = readLine(in);
      String end = readLine(in);
      if (!crlf.isEmpty() || !end.equals("END")) {
        throw new IllegalStateException("malformed reply to get " + key + ": " + crlf + end);
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException("get " + key + " on " + address(), e);
    }
  }

  /** A text-protocol {@code set} with flags 0. */
  public void rawSet(String key, byte[] value, int exptime) {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("set " + key + " 0 " + exptime + " " + value.length + "\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.write(value);
      out.write(new byte[] {'\r', '\n'});
      out.flush();
      String reply = readLine(socket.getInputStream());
      if (!reply.equals("STORED")) {
        throw new IllegalStateException("set " + key + " on " + address() + ": " + reply);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("set " + key + " on " + address(), e);
    }
  }

  /** A text-protocol {@code delete}; true if the key existed. */
  public boolean rawDelete(String key) {
    String reply = command("delete " + key).trim();
    if (!reply.equals("DELETED") && !reply.equals("NOT_FOUND")) {
      throw new IllegalStateException("delete " + key + " on " + address() + ": " + reply);
    }
    return reply.equals("DELETED");
  }

  /** Sends a one-line command and reads until {@code END}, or a one-line reply. */
  public String command(String line) {
    return command(line, "ERROR", "CLIENT_ERROR", "SERVER_ERROR", "VERSION", "OK", "DELETED",
        "NOT_FOUND", "STORED", "NOT_STORED", "EXISTS", "BUSY", "TOUCHED");
  }

  /**
   * Sends {@code line} and reads the reply up to a line {@code END}, or just its first line if
   * that starts with one of {@code oneLineReplies}.
   */
  private String command(String line, String... oneLineReplies) {
    try (Socket socket = connect()) {
      OutputStream out = socket.getOutputStream();
      out.write((line + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder reply = new StringBuilder();
      String first = readLine(in);
      reply.append(first).append("\r\n");
      for (String one : oneLineReplies) {
        if (first.startsWith(one)) {
          return reply.toString();
        }
      }
      String next = first;
      while (!next.equals("END")) {
        next = readLine(in);
        reply.append(next).append("\r\n");
      }
      return reply.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(line + " on " + address(), e);
    }
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(HOST, port), SOCKET_TIMEOUT_MILLIS);
      socket.setSoTimeout(SOCKET_TIMEOUT_MILLIS);
      socket.setTcpNoDelay(true);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** Reads one CRLF-terminated line as Latin-1, without the CRLF. */
  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed after: " + line.toString(StandardCharsets.ISO_8859_1));
      }
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
  }

  /** What memcached wrote to stderr so far. */
  public String stderr() {
    try {
      return Files.readString(stderrFile, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "(cannot read " + stderrFile + ": " + e + ")";
    }
  }

  /** Kills the process (thawing it first so the kill is delivered) and waits for it to exit. */
  @Override
  public void close() {
    if (process.isAlive()) {
      try {
        signal("-CONT");
      } catch (RuntimeException ignored) {
        // the process may have exited in between; destroyForcibly below is what matters
      }
      process.destroyForcibly();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          throw new IllegalStateException("memcached pid " + process.pid() + " did not exit");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    RUNNING.remove(process);
    frozen = false;
    try {
      Files.deleteIfExists(stderrFile);
    } catch (IOException ignored) {
      // a temp file; deleteOnExit also covers it
    }
  }

  @Override
  public String toString() {
    return "memcached@" + address() + " (pid " + process.pid() + ")";
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
