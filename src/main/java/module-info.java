/**
 * dualcache: a JCache provider over memcached. Applications use it through {@code javax.cache}
 * ({@code Caching.getCachingProvider()}); what they may touch besides is exported here: the
 * provider, the configuration types, the management types and the cache types that
 * {@code unwrap} hands out. Everything else (layers, memcached, codecs, events) is internal.
 */
module io.github.dualcache {
  requires transitive cache.api;
  requires transitive java.management;
  requires spymemcached;
  requires com.fasterxml.jackson.databind;

  exports io.github.dualcache.spi;
  exports io.github.dualcache.config;
  exports io.github.dualcache.management;
  exports io.github.dualcache.cache;
  // spymemcached instantiates its logger by name (net.spy.log.LoggerImpl)
  exports io.github.dualcache.memcached to spymemcached;

  provides javax.cache.spi.CachingProvider with io.github.dualcache.spi.DualcacheCachingProvider;
}
