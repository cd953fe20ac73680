/**
 * Internal: resolves a manager's and its caches' settings from, in order of precedence, the
 * {@code Properties} given to {@code getCacheManager}, the configuration file its URI names,
 * system properties and the environment, and checks each value with an error that names it.
 */
package io.github.dualcache.settings;
