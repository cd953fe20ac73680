package io.github.dualcache.settings;

import java.util.ArrayList;
import java.util.List;

/** One {@code host:port} memcached address, validated when parsed. */
public record HostAndPort(String host, int port) {

  @Override
  public String toString() {
    return host + ":" + port;
  }

  static List<HostAndPort> parseList(String key, String text) {
    List<HostAndPort> addresses = new ArrayList<>();
    for (String part : text.split(",")) {
      String address = part.trim();
      if (!address.isEmpty()) {
        addresses.add(parse(key, address));
      }
    }
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException(key + " names no server; expected host:port[,host:port...]");
    }
    return List.copyOf(addresses);
  }

  private static HostAndPort parse(String key, String address) {
    int colon = address.lastIndexOf(':');
    String host = colon < 0 ? "" : address.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = -1;
    try {
      port = colon < 0 ? -1 : Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException ignored) {
      // reported below
    }
    if (host.isEmpty() || port < 1 || port > 65535 || host.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(key + " has a malformed address '" + address
          + "'; expected host:port with a port in 1-65535");
    }
    return new HostAndPort(host, port);
  }
}
