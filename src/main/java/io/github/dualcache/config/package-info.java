/**
 * What users configure in code: {@link io.github.dualcache.config.DualcacheConfiguration} (a JCache
 * {@code MutableConfiguration} with the dualcache settings of one cache) and the choices its
 * settings take. Every setting has a name ({@code dualcache.*}) too, for the configuration file,
 * {@code Properties}, system properties and the environment; the README lists them.
 */
package io.github.dualcache.config;
