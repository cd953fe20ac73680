/**
 * Internal: the MBeans a cache registers when statistics or management are enabled (its
 * configuration, its JCache statistics, its layer statistics), the counters behind them, and the
 * quoting that makes any cache name a valid MBean name.
 */
package io.github.dualcache.jmx;
