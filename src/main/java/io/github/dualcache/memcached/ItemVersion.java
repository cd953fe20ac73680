package io.github.dualcache.memcached;

/** Raw bytes of one memcached item with its CAS unique. */
record ItemVersion(byte[] bytes, long cas) {}
