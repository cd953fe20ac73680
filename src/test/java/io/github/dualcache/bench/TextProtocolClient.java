package io.github.dualcache.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One blocking socket speaking memcached's text protocol: the floor a memcached hit is measured
 * against (no I/O thread, no hand-off, no codec), and the way the benchmarks read a server's
 * {@code stats} wherever it runs (also inside a network namespace). Not thread-safe: one per thread.
 */
final class TextProtocolClient implements AutoCloseable {
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(64);

  TextProtocolClient(String host, int port) {
    try {
      socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), 5_000);
      socket.setSoTimeout(10_000);
      in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      out = socket.getOutputStream();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to memcached at " + host + ":" + port, e);
    }
  }

  /** {@code host:port}, as dualcache's server lists spell it. */
  static TextProtocolClient connect(String address) {
    int colon = address.lastIndexOf(':');
    return new TextProtocolClient(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
  }

  /** The value's bytes, or null on a miss. */
  byte[] get(byte[] getCommand) {
    try {
      out.write(getCommand);
      out.flush();
      String header = readLine();
      if (header.equals("END")) {
        return null;
      }
      // VALUE <key> <flags> <bytes>
      int length = Integer.parseInt(header.substring(header.lastIndexOf(' ') + 1));
      byte[] value = in.readNBytes(length);
      in.readNBytes(2); // \r\n
      String end = readLine();
      if (!end.equals("END")) {
        throw new IllegalStateException("unexpected reply " + end);
      }
      return value;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] getCommand(String key) {
    return ("get " + key + "\r\n").getBytes(StandardCharsets.US_ASCII);
  }

  void set(String key, byte[] value) {
    try {
      out.write(("set " + key + " 0 0 " + value.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(value);
      out.write('\r');
      out.write('\n');
      out.flush();
      String reply = readLine();
      if (!reply.equals("STORED")) {
        throw new IllegalStateException("set " + key + ": " + reply);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, String> stats() {
    Map<String, String> stats = new LinkedHashMap<>();
    try {
      out.write("stats\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      for (String reply = readLine(); !reply.equals("END"); reply = readLine()) {
        String[] parts = reply.split(" ", 3); // STAT name value
        stats.put(parts[1], parts[2]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return stats;
  }

  private String readLine() throws IOException {
    line.reset();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new IOException("memcached closed the connection");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.US_ASCII);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing: nothing to do
    }
  }
}
