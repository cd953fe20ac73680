package io.github.dualcache.cache;

import io.github.dualcache.tier.Versioned;

/**
 * What one read of a key found, decoded: the live value, or the value of an entry whose deadline
 * has passed (which the spec reports as expired the first time it is noticed), or nothing.
 */
record Seen<V>(Versioned versioned, V value, V expiredValue) {

  boolean live() {
    return value != null;
  }

  boolean expired() {
    return expiredValue != null;
  }
}
