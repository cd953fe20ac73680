package io.github.dualcache.demo;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** The demo's command line: {@code --name value} pairs, whose defaults keep the demo under a minute. */
final class DemoOptions {
  static final String USAGE = """
      options (each --name value; in Maven: -Ddemo.args="--seconds 10 --boxes 4"):
        --seconds N          length of each of the two runs (default 15)
        --boxes N            simulated web boxes, each its own CacheManager and local layer (default 3)
        --threads N          request threads per box (default 2)
        --acts N             hot keys: the acts whose vote counts the audience reads (default 5)
        --reads-per-vote N   count reads for each vote (default 100)
        --ttl 1s|500ms       the local TTL (default 1s, the seed's)
        --global host:port,...
                             use these global servers instead of starting one
        --local memcached|heap|host:port,...
                             the local layer: a memcached per box started here (default), the
                             in-process heap layer, or the boxes' running memcached, one per box""";

  int seconds = 15;
  int boxes = 3;
  int threadsPerBox = 2;
  int acts = 5;
  int readsPerVote = 100;
  Duration ttl = Duration.ofSeconds(1);
  /** The global servers given on the command line; empty: start one here. */
  List<String> global = List.of();
  /** {@code memcached} (the seed's design) or {@code heap}. */
  String localLayer = "memcached";
  /** Each box's local memcached given on the command line; empty: start them here. */
  List<String> local = List.of();

  /** @throws IllegalArgumentException naming the option that is wrong */
  static DemoOptions parse(String... args) {
    DemoOptions options = new DemoOptions();
    for (int i = 0; i < args.length; i++) {
      if (args[i].isBlank()) {
        continue; // Maven passes an empty ${demo.args} as a blank argument
      }
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      options.set(args[i].substring(2), args[++i]);
    }
    if (!options.local.isEmpty() && options.local.size() != options.boxes) {
      throw new IllegalArgumentException("--local names " + options.local.size() + " servers for "
          + options.boxes + " boxes: give one per box");
    }
    return options;
  }

  private void set(String name, String value) {
    switch (name) {
      case "seconds" -> seconds = atLeastOne(name, value);
      case "boxes" -> boxes = atLeastOne(name, value);
      case "threads" -> threadsPerBox = atLeastOne(name, value);
      case "acts" -> acts = atLeastOne(name, value);
      case "reads-per-vote" -> readsPerVote = atLeastOne(name, value);
      case "ttl" -> ttl = duration(value);
      case "global" -> global = servers(name, value);
      case "local" -> {
        boolean started = value.equals("memcached") || value.equals("heap");
        localLayer = started ? value : "memcached";
        local = started ? List.of() : servers(name, value);
      }
      default -> throw new IllegalArgumentException("unknown option --" + name);
    }
  }

  /** Whether memcached must be started here, so must be installed. */
  boolean startsMemcached() {
    return global.isEmpty() || (localLayer.equals("memcached") && local.isEmpty());
  }

  private static int atLeastOne(String name, String value) {
    try {
      int number = Integer.parseInt(value);
      if (number >= 1) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--" + name + " must be a whole number of at least 1, got " + value);
  }

  private static Duration duration(String text) {
    String trimmed = text.trim().toLowerCase(Locale.ROOT);
    try {
      Duration ttl = trimmed.endsWith("ms")
          ? Duration.ofMillis(Long.parseLong(trimmed.substring(0, trimmed.length() - 2)))
          : Duration.ofMillis(Math.round(Double.parseDouble(trimmed.substring(0, trimmed.length() - 1)) * 1000));
      if (trimmed.endsWith("s") && ttl.toMillis() >= 1) {
        return ttl;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("--ttl must be like 1s or 500ms (at least 1ms), got " + text);
  }

  private static List<String> servers(String name, String value) {
    List<String> servers = List.of(value.split(","));
    for (String server : servers) {
      int colon = server.lastIndexOf(':');
      if (colon < 1 || !server.substring(colon + 1).matches("[0-9]{1,5}")) {
        throw new IllegalArgumentException("--" + name + " takes host:port[,host:port...], got " + value);
      }
    }
    return servers;
  }
}
