package io.github.dualcache.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemcachedServerTest {

  @Test
  void startsOnFreeLoopbackPortAndSpeaksTextProtocol() {
    try (MemcachedServer server = MemcachedServer.start("-I", "1m")) {
      assertEquals("127.0.0.1:" + server.port(), server.address());
      assertFalse(server.port() >= 10000 && server.port() <= 10011, "TCK ports must stay free");
      assertEquals("1048576", server.stats("settings").get("item_size_max"));

      assertNull(server.rawGet("missing"));
      byte[] value = {0, 1, 2, '\r', '\n', (byte) 0xff};
      server.rawSet("k", value, 0);
      assertArrayEquals(value, server.rawGet("k"));
      assertEquals("1", server.stats().get("get_hits"));
      assertEquals("1", server.stats().get("get_misses"));
      assertEquals(List.of("k"), server.keys());
      assertTrue(server.rawDelete("k"));
      assertNull(server.rawGet("k"));
    }
  }

  @Test
  void keysAreUrlDecoded() {
    try (MemcachedServer server = MemcachedServer.start()) {
      server.rawSet("a%b/c:d", "v".getBytes(StandardCharsets.US_ASCII), 0);
      assertEquals(List.of("a%b/c:d"), server.keys());
    }
  }

  @Test
  void freezeStopsAnsweringAndThawResumes() throws IOException {
    try (MemcachedServer server = MemcachedServer.start()) {
      server.rawSet("k", new byte[] {42}, 0);
      server.freeze();
      assertTrue(server.isFrozen());
      try (Socket socket = new Socket()) {
        // The kernel still accepts the connection; the frozen process never answers.
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 1000);
        socket.setSoTimeout(300);
        socket.getOutputStream().write("version\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThrows(SocketTimeoutException.class, () -> socket.getInputStream().read());
      }
      server.thaw();
      assertArrayEquals(new byte[] {42}, server.rawGet("k"));
    }
  }

  @Test
  void closeKillsEvenAFrozenProcess() {
    MemcachedServer server = MemcachedServer.start();
    server.freeze();
    assertTimeoutPreemptively(Duration.ofSeconds(15), server::close);
    assertFalse(server.isAlive());
    assertThrows(RuntimeException.class, () -> server.rawGet("k"));
  }

  @Test
  void aJvmThatExitsWithoutClosingItsServersTakesThemDown() throws InterruptedException {
    long pid;
    try (ChildJvm child = ChildJvm.start("leaves-memcached", LeavesItsServerRunning.class, List.of("-Xmx64m"), List.of())) {
      pid = Long.parseLong(child.awaitLine("PID ", 30, TimeUnit.SECONDS).substring(4));
      assertEquals(0, child.awaitExit(30, TimeUnit.SECONDS), child.output());
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    assertFalse(alive, "memcached pid " + pid + " outlived the JVM that started it");
  }

  /** Starts a server, reports its pid and exits without closing it. */
  public static final class LeavesItsServerRunning {
    public static void main(String[] args) {
      MemcachedServer server = MemcachedServer.start();
      System.out.println("PID " + server.pid());
      System.out.flush();
      System.exit(0);
    }
  }

  @Test
  void twoServersGetDifferentPorts() {
    try (MemcachedServer a = MemcachedServer.start(); MemcachedServer b = MemcachedServer.start()) {
      assertNotEquals(a.port(), b.port());
    }
  }

  @Test
  void failingStartReportsStderr() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> MemcachedServer.start("--no-such-option"));
    assertTrue(e.getMessage().contains("stderr"), e.getMessage());
  }
}
