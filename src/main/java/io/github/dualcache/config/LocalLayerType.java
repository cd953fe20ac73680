package io.github.dualcache.config;

/** Which local layer fronts the global memcached cluster. */
public enum LocalLayerType {
  /** Global layer only. */
  NONE,
  /** A memcached on the same host, shared by every JVM on the box. */
  MEMCACHED,
  /** An in-process, size-bounded near cache. */
  HEAP;
}
