package io.github.dualcache.bench;

import io.github.dualcache.testing.MemcachedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the figures were measured on, read from the machine itself (for the report's first table). */
final class MachineInfo {
  private MachineInfo() {
  }

  static Map<String, String> describe() {
    Map<String, String> info = new LinkedHashMap<>();
    info.put("machine.cpu", cpuModel());
    info.put("machine.cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
    info.put("machine.memory", memTotal());
    info.put("machine.os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
        + System.getProperty("os.arch"));
    info.put("machine.jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
    try (MemcachedServer server = MemcachedServer.start("-m", "8")) {
      info.put("machine.memcached", server.stats().get("version"));
    }
    return info;
  }

  private static String cpuModel() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          return line.substring(line.indexOf(':') + 1).trim();
        }
      }
    } catch (IOException e) {
      // not Linux: say so below
    }
    return System.getProperty("os.arch") + " (no /proc/cpuinfo)";
  }

  private static String memTotal() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
        if (line.startsWith("MemTotal:")) {
          long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
          return String.format(java.util.Locale.ROOT, "%.1f GiB", kb / 1024.0 / 1024.0);
        }
      }
    } catch (IOException e) {
      // not Linux
    }
    return "unknown";
  }
}
