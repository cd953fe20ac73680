/**
 * Internal: entry events, collected while an operation runs and delivered to this JVM's listeners
 * once its change is committed.
 */
package io.github.dualcache.event;
