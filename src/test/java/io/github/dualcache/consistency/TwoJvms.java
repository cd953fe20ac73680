package io.github.dualcache.consistency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.dualcache.testing.ChildJvm;
import io.github.dualcache.testing.MemcachedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Two JVMs on one host, each a {@link ConsistencyChild} with its own CacheManager over the same
 * global memcached and the same cache, with the local layer under test: {@code none}, {@code heap}
 * (one per JVM) or {@code memcached} (one local memcached this fixture starts, shared by both, as
 * two JVMs on one box would share it).
 */
final class TwoJvms implements AutoCloseable {
  private static final long WORKLOAD_TIMEOUT_SECONDS = 600;

  private final List<ChildJvm> jvms = new ArrayList<>();
  private final MemcachedServer localServer;
  private final Path directory;
  private final String cacheName = "consistency-" + UUID.randomUUID().toString().substring(0, 8);
  private int runs;

  TwoJvms(String globalServers, String localType, long localTtlMillis, int threadsPerJvm) {
    this(globalServers, localType, localTtlMillis, threadsPerJvm, "2s");
  }

  /** @param timeout {@code dualcache.timeout} of both JVMs */
  TwoJvms(String globalServers, String localType, long localTtlMillis, int threadsPerJvm, String timeout) {
    directory = temporaryDirectory();
    localServer = localType.equals("memcached") ? MemcachedServer.start() : null;
    try {
      for (int i = 0; i < 2; i++) {
        List<String> args = new ArrayList<>(List.of("jvm=jvm" + i, "threads=" + threadsPerJvm, "cache=" + cacheName,
            "dualcache.global.servers=" + globalServers, "dualcache.timeout=" + timeout, "dualcache.local.type=" + localType,
            "dualcache.local.ttl=" + localTtlMillis + "ms"));
        if (localServer != null) {
          args.add("dualcache.local.servers=" + localServer.address());
        }
        jvms.add(ChildJvm.start("jvm" + i, ConsistencyChild.class, List.of("-Xmx256m"), args));
      }
      for (ChildJvm jvm : jvms) {
        jvm.awaitLine("READY", 60, TimeUnit.SECONDS);
      }
    } catch (RuntimeException | Error e) {
      close();
      throw e;
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("dualcache-consistency");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String cacheName() {
    return cacheName;
  }

  /**
   * Sends {@code workload} to both JVMs at once and waits for both to finish.
   *
   * @return the file each JVM wrote, jvm0's first
   */
  List<Path> run(String workload, String parameters) {
    runs++;
    List<Path> outputs = new ArrayList<>();
    for (int i = 0; i < jvms.size(); i++) {
      outputs.add(directory.resolve(workload + "-" + runs + "-jvm" + i + ".txt"));
    }
    for (int i = 0; i < jvms.size(); i++) {
      jvms.get(i).send("RUN " + workload + " " + parameters + " out=" + outputs.get(i));
    }
    for (ChildJvm jvm : jvms) {
      System.out.println("[" + workload + "] " + jvm.awaitLine("DONE", WORKLOAD_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }
    return outputs;
  }

  @Override
  public void close() {
    for (ChildJvm jvm : jvms) {
      try {
        jvm.send("EXIT");
        assertEquals(0, jvm.awaitExit(30, TimeUnit.SECONDS), jvm.output());
      } catch (AssertionError e) {
        jvm.close();
      }
    }
    if (localServer != null) {
      localServer.close();
    }
  }
}
