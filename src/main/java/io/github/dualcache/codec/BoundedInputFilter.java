package io.github.dualcache.codec;

import java.io.ObjectInputFilter;

/**
 * The limits a JDK-serialized value is read within, each bounded by the bytes actually read:
 * depth, references, and the arrays and collection tables the stream declares against the bytes
 * left to fill them. Which classes are trusted is decided by the filter it is given. The first
 * refusal sticks: once refused, every later call is.
 */
final class BoundedInputFilter implements ObjectInputFilter {
  static final int MAX_DEPTH = 64;
  static final long MAX_REFERENCES = 1_000_000;

  private final long streamLength;
  private final ObjectInputFilter trust;
  private long claimed;
  private Rejected rejection;

  /** @param trust answers ALLOWED for the classes that may be deserialized (for arrays, their element class) */
  BoundedInputFilter(long streamLength, ObjectInputFilter trust) {
    this.streamLength = streamLength;
    this.trust = trust;
  }

  @Override
  public Status checkInput(FilterInfo info) {
    if (rejection != null) {
      throw rejection;
    }
    try {
      return decide(info);
    } catch (Rejected e) {
      throw reject(e);
    }
  }

  /** The first refusal, if any: the reason to report even when a readObject method swallowed it. */
  Rejected rejection() {
    return rejection;
  }

  Rejected reject(Rejected e) {
    if (rejection == null) {
      rejection = e;
    }
    return rejection;
  }

  private Status decide(FilterInfo info) {
    long depth = info.depth();
    long position = info.streamBytes();
    if (depth > MAX_DEPTH) {
      throw Rejected.limit("depth " + depth + " over the limit of " + MAX_DEPTH);
    }
    long maxReferences = Math.min(MAX_REFERENCES, streamLength);
    if (info.references() > maxReferences) {
      throw Rejected.limit(info.references() + " references over the limit of " + maxReferences
          + " (at most one per stream byte, and " + MAX_REFERENCES + ")");
    }
    Class<?> type = info.serialClass();
    if (type == null) {
      return Status.UNDECIDED;
    }
    if (info.arrayLength() >= 0 && type.isArray()) {
      checkArray(type, info.arrayLength(), position);
    }
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (trust.checkInput(info) != Status.ALLOWED) {
      throw Rejected.limit("class " + element.getName() + " is not trusted: it is not a JDK value type, not a "
          + "declared key or value type of the cache, and no pattern in dualcache.codec.allow matches it "
          + "(add " + element.getName() + " or its package to dualcache.codec.allow to allow it)");
    }
    return Status.ALLOWED;
  }

  private void checkArray(Class<?> type, long length, long position) {
    long needed = ArraySizes.needed(type, length);
    long remaining = streamLength - position;
    if (needed > remaining + ArraySizes.SLACK) {
      throw Rejected.limit(ArraySizes.describe(type, length, needed, remaining));
    }
    // each element is read from its own bytes, so all arrays together fit in the stream too
    claimed = Saturating.plus(claimed, needed);
    if (claimed > streamLength + ArraySizes.SLACK) {
      throw Rejected.limit("the arrays and collections declared so far need at least " + claimed
          + " bytes, more than the whole stream's " + streamLength + " (the last: "
          + ArraySizes.describe(type, length, needed, remaining) + ")");
    }
  }
}
