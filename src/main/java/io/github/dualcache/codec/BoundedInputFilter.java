package io.github.dualcache.codec;

import java.io.ObjectInputFilter;

/**
 * The limits a JDK-serialized value is read within, each bounded by the bytes actually read:
 * depth, references, and the arrays and collection tables the stream declares against the bytes
 * left to fill them. It also holds the reader to the structure {@link StreamScan} found in the
 * same bytes (whose weights decided the hashing limit), refusing at the first back-reference,
 * class or finished object the scan did not see at that position. Which classes are trusted is
 * decided by the filter it is given. The first refusal sticks: once refused, every later call is.
 */
final class BoundedInputFilter implements ObjectInputFilter {
  static final int MAX_DEPTH = 64;
  static final long MAX_REFERENCES = 1_000_000;

  private final StreamScan scan;
  private final long streamLength;
  private final ObjectInputFilter trust;
  private long claimed;
  private Rejected rejection;

  /** @param trust answers ALLOWED for the classes that may be deserialized (for arrays, their element class) */
  BoundedInputFilter(StreamScan scan, long streamLength, ObjectInputFilter trust) {
    this.scan = scan;
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

  /** Called as the reader finishes each object, array, enum constant or string. */
  void finished(long position) {
    if (rejection != null) {
      throw rejection;
    }
    if (!scan.isResolution(position)) {
      throw reject(mismatch(position, "an object ending"));
    }
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
      if (!scan.isReference(position, depth)) {
        throw mismatch(position, "a back-reference");
      }
      return Status.UNDECIDED;
    }
    if (info.arrayLength() >= 0 && type.isArray()) {
      checkArray(type, info.arrayLength(), position);
    } else {
      if (!scan.isClassCheck(position, depth)) {
        throw mismatch(position, "class " + type.getName());
      }
      checkAgainstStream(type);
    }
    Class<?> element = type;
    while (element.isArray()) {
      element = element.getComponentType();
    }
    if (trust.checkInput(info) != Status.ALLOWED) {
      throw Rejected.untrusted(element);
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

  /**
   * Refuses a class that the reader would read, or hashing would walk, differently from the scan:
   * a record skips custom data and superclass data the scan reads as the spec says.
   */
  private void checkAgainstStream(Class<?> type) {
    if (type.isArray() || type.isPrimitive()) {
      return;
    }
    String name = type.getName();
    int traits = scan.traits(name);
    if (type.isRecord()) {
      if ((traits & (StreamScan.WRITES | StreamScan.HAS_SUPER)) != 0) {
        throw mismatch(-1, "record " + name + " with custom data or a superclass");
      }
    }
    if (scan.isCycleBreaker(name) && hashCodeWalksContent(type)) {
      throw Rejected.limit("hash-collection work: " + name + " is on a reference cycle that a hash-based collection "
          + "hashes, and its hashCode follows the cycle");
    }
  }

  private static boolean hashCodeWalksContent(Class<?> type) {
    try {
      Class<?> declaring = type.getMethod("hashCode").getDeclaringClass();
      return declaring.isRecord() || HashWork.follows(declaring.getName());
    } catch (NoSuchMethodException e) {
      return false;
    }
  }

  private static Rejected mismatch(long position, String what) {
    return Rejected.limit("stream structure: the reader met " + what
        + (position >= 0 ? " at byte " + position : "") + " where the bytes, read by the serialization spec, "
        + "hold something else (a class whose readObject or readExternal does not follow the spec, or a "
        + "crafted stream)");
  }
}
