/**
 * Internal: the entry an {@code EntryProcessor} sees. It records what the processor asks for, so
 * the cache can commit it atomically and a retried processor leaves no trace of its first run.
 */
package io.github.dualcache.processor;
