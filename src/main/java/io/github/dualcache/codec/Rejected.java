package io.github.dualcache.codec;

/** A decode refused by a rule or limit; its message names the rule and becomes the CodecException's. */
final class Rejected extends RuntimeException {
  private static final long serialVersionUID = 1L;

  Rejected(String message) {
    super(message);
  }

  static Rejected limit(String rule) {
    return new Rejected("Refused to deserialize: " + rule);
  }

  static Rejected malformed(long position, String what) {
    return new Rejected("Malformed serialized value at byte " + position + ": " + what);
  }
}
