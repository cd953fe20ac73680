package io.github.dualcache.memcached;

/** What memcached answered to a compare-and-set. */
enum CasOutcome {
  STORED,
  /** Someone changed the item since our {@code gets}. */
  CHANGED,
  /** The item is gone (deleted, expired or evicted) since our {@code gets}. */
  GONE
}
