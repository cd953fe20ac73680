package io.github.dualcache.memcached;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Builds memcached keys that are always legal (at most 250 bytes of printable ASCII, no whitespace)
 * whatever the JCache key: {@code namespace:cache:generation:digest}, where the digest is the
 * SHA-256 of the serialized key. Raw user text never reaches the wire.
 */
final class KeyMapper {
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9._-]{1,80}");
  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
  /**
   * One SHA-256 per thread: {@code MessageDigest.getInstance} looks up the provider and allocates a
   * new digest's state (about 1 KB), on every read. {@code digest()} resets it after each use.
   */
  private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(KeyMapper::sha256);

  private final String cachePrefix;

  KeyMapper(String namespace, String cacheName) {
    String cacheId = PLAIN_NAME.matcher(cacheName).matches()
        ? cacheName
        : "~" + digest(cacheName.getBytes(StandardCharsets.UTF_8)).substring(0, 22);
    this.cachePrefix = namespace + ":" + cacheId + ":";
  }

  /** Where the cache's current generation token lives. */
  String generationKey() {
    return cachePrefix + "gen";
  }

  /** The prefix shared by every entry of one generation. */
  String entryPrefix(String generation) {
    return cachePrefix + generation + ":";
  }

  String entryKey(String generation, byte[] serializedKey) {
    return entryPrefix(generation) + digest(serializedKey);
  }

  static String digest(byte[] bytes) {
    return BASE64.encodeToString(SHA_256.get().digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }
}
