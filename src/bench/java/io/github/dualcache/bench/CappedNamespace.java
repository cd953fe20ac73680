package io.github.dualcache.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace holding one memcached, reached from here over a veth pair whose both ends
 * are rate-limited with {@code tc qdisc tbf} (netem is not available on these kernels). Closing it
 * stops memcached and deletes the namespace (and so the veth pair); a shutdown hook does the same if
 * the JVM ends first.
 */
final class CappedNamespace implements AutoCloseable {
  /** The namespace could not be set up (not root, no {@code ip}, no veth or tbf support...). */
  static final class Unavailable extends Exception {
    Unavailable(String message) {
      super(message);
    }
  }

  private static final int PORT = 11211;

  private final String name;
  private final String hostSide;
  private final String hostAddress;
  private final String namespaceAddress;
  private final String rate;
  private final Thread cleanupHook = new Thread(this::cleanUp, "netns-cleanup");
  private Process memcached;

  private CappedNamespace(String name, String rate) {
    long id = ProcessHandle.current().pid() % 200;
    this.name = name;
    this.hostSide = "dcb" + id + "h";
    this.hostAddress = "10.213." + id + ".1";
    this.namespaceAddress = "10.213." + id + ".2";
    this.rate = rate;
  }

  static CappedNamespace create(String rate) throws Unavailable {
    CappedNamespace namespace = new CappedNamespace("dcbench" + ProcessHandle.current().pid(), rate);
    Runtime.getRuntime().addShutdownHook(namespace.cleanupHook);
    String inside = namespace.hostSide.replace('h', 'n');
    String tbf = "tbf rate " + rate + " burst 32kbit latency 400ms";
    try {
      namespace.sh("ip netns add " + namespace.name);
      namespace.sh("ip link add " + namespace.hostSide + " type veth peer name " + inside);
      namespace.sh("ip link set " + inside + " netns " + namespace.name);
      namespace.sh("ip addr add " + namespace.hostAddress + "/24 dev " + namespace.hostSide);
      namespace.sh("ip link set " + namespace.hostSide + " up");
      namespace.inside("ip addr add " + namespace.namespaceAddress + "/24 dev " + inside);
      namespace.inside("ip link set " + inside + " up");
      namespace.inside("ip link set lo up");
      namespace.sh("tc qdisc add dev " + namespace.hostSide + " root " + tbf);
      namespace.inside("tc qdisc add dev " + inside + " root " + tbf);
    } catch (Unavailable e) {
      namespace.close();
      throw e;
    }
    return namespace;
  }

  /** The commands, for the report. */
  String describe() {
    return "ip netns add " + name + "; veth " + hostAddress + " <-> " + namespaceAddress + "; tc qdisc add dev <each end>"
        + " root tbf rate " + rate + " burst 32kbit latency 400ms";
  }

  /** Starts memcached inside the namespace and returns its {@code host:port} once it answers. */
  String startMemcached(String... extraArgs) throws Unavailable, InterruptedException {
    List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", name, memcachedBinary(), "-l",
        namespaceAddress, "-p", String.valueOf(PORT), "-U", "0", "-u", "root"));
    command.addAll(List.of(extraArgs));
    try {
      memcached = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
    } catch (IOException e) {
      throw new Unavailable("cannot start memcached in the namespace: " + e.getMessage());
    }
    String address = namespaceAddress + ":" + PORT;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try (TextProtocolClient client = TextProtocolClient.connect(address)) {
        client.stats();
        return address;
      } catch (RuntimeException notYet) {
        if (System.nanoTime() > deadline || !memcached.isAlive()) {
          throw new Unavailable("memcached in the namespace does not answer on " + address + ": " + notYet.getMessage());
        }
        Thread.sleep(50);
      }
    }
  }

  private static String memcachedBinary() {
    String env = System.getenv("MEMCACHED_BIN");
    return env != null && !env.isBlank() ? env : "memcached";
  }

  private void inside(String command) throws Unavailable {
    sh("ip netns exec " + name + " " + command);
  }

  private void sh(String command) throws Unavailable {
    try {
      Process process = new ProcessBuilder(command.split(" ")).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new Unavailable("`" + command + "` failed: " + output);
      }
    } catch (IOException e) {
      throw new Unavailable("`" + command + "` could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted during `" + command + "`");
    }
  }

  private synchronized void cleanUp() {
    if (memcached != null) {
      memcached.destroy();
      try {
        memcached.waitFor(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      memcached.destroyForcibly();
      memcached = null;
    }
    for (String command : List.of("ip netns del " + name, "ip link del " + hostSide)) {
      try {
        new ProcessBuilder(command.split(" ")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start().waitFor(10, TimeUnit.SECONDS);
      } catch (IOException e) {
        // nothing to delete, or no ip command: nothing was created either
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    cleanUp();
    try {
      Runtime.getRuntime().removeShutdownHook(cleanupHook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }
}
