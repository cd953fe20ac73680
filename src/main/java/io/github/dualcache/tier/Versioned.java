package io.github.dualcache.tier;

/**
 * What a read of one key found, with the version a compare-and-set needs. {@code entry} is null
 * when the key holds nothing readable; {@code occupied} tells whether memcached still holds bytes
 * there (an unreadable or colliding item), which a conditional write must replace, not add to.
 */
public record Versioned(StoredEntry entry, long version, boolean occupied) {
  public static final long NO_VERSION = -1;
  private static final Versioned ABSENT = new Versioned(null, NO_VERSION, false);

  public static Versioned absent() {
    return ABSENT;
  }

  public boolean isPresent() {
    return entry != null;
  }
}
