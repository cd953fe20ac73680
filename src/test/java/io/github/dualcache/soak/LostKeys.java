package io.github.dualcache.soak;

import io.github.dualcache.testing.MemcachedServer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.cache.Cache;

/**
 * Which keys of the soak's data cache a restarted server took with it. A key lives on the one
 * server the client's consistent hashing picks, the same before and after the restart; and every
 * key of the cache is lost if that server held the cache's generation token (a new token then
 * starts the cache afresh). The client's hashing is not ours to call, so ask the servers: after
 * the round, write a unique marker to each key and look for it in the restarted server's items
 * (the envelope holds the value's bytes as they are).
 *
 * <p>Valid only while the cache's generation token is the one of the round: the token is part of
 * every item's key, so a new token moves keys to other servers (the caller checks the token first).
 * Missed once for that reason: round 16 of the first 30-minute run, where the token's server was
 * the one down, and the token had not been re-created when this looked for it, found the markers
 * (written under a new token) elsewhere and called the counter's legitimate loss 16,351 lost updates.
 */
record LostKeys(Set<String> keys, boolean generation) {

  /** Nothing lost. */
  static final LostKeys NONE = new LostKeys(Set.of(), false);

  /**
   * The keys of {@code keys} whose data lived on {@code server}; all of them, and
   * {@code generation} true, if it holds the generation token of {@code cacheName} under
   * {@code namespace}. Overwrites every key.
   */
  static LostKeys on(MemcachedServer server, String namespace, String cacheName, Cache<String, String> cache,
      List<String> keys) {
    String prefix = namespace + ":" + cacheName + ":";
    List<String> items = server.keys().stream().filter(item -> item.startsWith(prefix)).toList();
    if (items.contains(prefix + "gen")) {
      return new LostKeys(Set.copyOf(keys), true);
    }
    Map<String, String> markers = new HashMap<>();
    for (String key : keys) {
      String marker = "marker-" + UUID.randomUUID();
      markers.put(marker, key);
      cache.put(key, marker);
    }
    Set<String> lost = new HashSet<>();
    for (String item : server.keys()) {
      if (!item.startsWith(prefix) || item.endsWith(":gen")) {
        continue;
      }
      byte[] bytes = server.rawGet(item);
      if (bytes == null) {
        continue;
      }
      String text = new String(bytes, StandardCharsets.ISO_8859_1);
      markers.forEach((marker, key) -> {
        if (text.contains(marker)) {
          lost.add(key);
        }
      });
    }
    return new LostKeys(lost, false);
  }
}
