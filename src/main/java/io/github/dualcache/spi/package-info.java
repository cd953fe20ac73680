/**
 * The entry point: {@link io.github.dualcache.spi.DualcacheCachingProvider}, registered with
 * {@link java.util.ServiceLoader} so that {@code Caching.getCachingProvider()} finds it when the jar
 * is on the class path. It makes one {@code CacheManager} per URI and class loader; a URI naming a
 * JSON file ({@code classpath:dualcache.json}, {@code file:...}) configures that manager.
 */
package io.github.dualcache.spi;
