/**
 * Internal: the only package that talks to memcached (through spymemcached). It implements the
 * layers of {@code tier} on memcached: the entry envelope read as untrusted bytes, the per-cache
 * generation that makes {@code clear} one write, compare-and-set with its answers mapped to
 * won, lost or absent, one deadline per call and a circuit breaker per server.
 */
package io.github.dualcache.memcached;
