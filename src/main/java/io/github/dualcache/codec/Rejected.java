package io.github.dualcache.codec;

/** A decode refused by a rule or limit; its message names the rule and becomes the CodecException's. */
final class Rejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The class refused for not being trusted, or null when a limit or the format refused the bytes. */
  private final String untrustedClass;

  Rejected(String message) {
    this(message, null);
  }

  private Rejected(String message, String untrustedClass) {
    super(message);
    this.untrustedClass = untrustedClass;
  }

  static Rejected untrusted(Class<?> type) {
    String name = type.getName();
    return new Rejected("Refused to deserialize: class " + name + " is not trusted: it is not a JDK value type,"
        + " not a declared key or value type of the cache, not a class this JVM has itself written to a cache,"
        + " and no pattern in dualcache.codec.allow matches it. An entry another JVM wrote is readable here once this"
        + " JVM has cached a value of that class itself; to trust it at once, set dualcache.codec.allow=" + name
        + " (or its package: " + (type.getPackageName().isEmpty() ? name : type.getPackageName() + ".*") + ")", name);
  }

  String untrustedClass() {
    return untrustedClass;
  }

  static Rejected limit(String rule) {
    return new Rejected("Refused to deserialize: " + rule);
  }

  static Rejected malformed(long position, String what) {
    return new Rejected("Malformed serialized value at byte " + position + ": " + what);
  }
}
