/**
 * Internal: turns keys and values into bytes and back. Every decoder treats its input as
 * untrusted (anyone who reaches memcached can write under our keys) and is bounded by the bytes
 * actually read; JDK serialization trusts only classes this JVM wrote itself, declared types, JDK
 * value types and {@code dualcache.codec.allow}.
 */
package io.github.dualcache.codec;
