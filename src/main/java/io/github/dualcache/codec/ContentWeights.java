package io.github.dualcache.codec;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * How many bytes hashing each object of a stream could walk: its own bytes plus the weight of
 * everything it refers to, a shared object counted at each reference to it. Kept on a stack of the
 * objects being read, innermost last.
 *
 * <p>Reference cycles need more than weights. A back-reference to an object still being read
 * closes a cycle; hashing follows it only through JDK classes whose hashCode walks what they hold
 * ({@link HashWork#follows}). If every object on the cycle is one, and a collection hashes
 * something on it, the hashing goes round until the stack overflows, repeating the work before the
 * cycle on every turn (a 100 KB self-containing list in a HashSet takes over a second): refused. If
 * some object on the cycle is of another class, the cycle is taken to end there: an entity whose
 * hashCode followed its parent would loop in the application too. Such classes are noted as
 * breakers, and {@link BoundedInputFilter} refuses a breaker whose hashCode is a record's or a JDK
 * collection's. Hashing that enters a cycle still walks the part of the enclosing objects read so
 * far, which is added to the weight of what reaches it.
 */
final class ContentWeights {
  private static final int NONE = Integer.MAX_VALUE;

  private final Handles handles;
  private final Set<String> breakers = new HashSet<>();
  private int top = -1;
  private int[] handleOf = new int[16];
  private String[] names = new String[16];
  private long[] weights = new long[16];
  private boolean[] follows = new boolean[16];
  /** The outermost frame from which every frame down to this one follows what it holds. */
  private int[] runStart = new int[16];
  /** The innermost frame at or above this one that a collection hashes, or -1. */
  private int[] hashedAbove = new int[16];
  /** The outermost enclosing frame this one's hashing reaches back into, or NONE. */
  private int[] reach = new int[16];
  private boolean[] loops = new boolean[16];
  private boolean lastLooping;

  ContentWeights(Handles handles) {
    this.handles = handles;
  }

  Set<String> breakers() {
    return breakers;
  }

  /** Whether the content most recently finished or referred to would loop if hashed. */
  boolean lastLooping() {
    return lastLooping;
  }

  void forgetLooping() {
    lastLooping = false;
  }

  /**
   * @param handle the object's handle, or -1 for content that no value holds (a class annotation)
   * @param hashed whether the enclosing collection hashes this object
   */
  void enter(int handle, String name, boolean hashed) {
    int i = ++top;
    if (i == handleOf.length) {
      grow();
    }
    boolean following = handle >= 0 && HashWork.follows(name);
    handleOf[i] = handle;
    names[i] = handle >= 0 ? name : null;
    weights[i] = 0;
    follows[i] = following;
    runStart[i] = !following ? i + 1 : i > 0 && follows[i - 1] ? runStart[i - 1] : i;
    hashedAbove[i] = hashed ? i : i > 0 ? hashedAbove[i - 1] : -1;
    reach[i] = NONE;
    loops[i] = false;
    if (handle >= 0) {
      handles.open(handle, i);
    }
  }

  void add(long weight) {
    weights[top] = Saturating.plus(weights[top], weight);
  }

  /** Finishes the innermost object and returns its weight (which the caller adds to the enclosing one). */
  long exit() {
    int i = top--;
    long weight = weights[i];
    boolean looping = loops[i];
    int reached = reach[i] < i ? reach[i] : NONE;
    if (handleOf[i] >= 0) {
      handles.close(handleOf[i], weight, looping, reached == NONE ? -1 : handleOf[reached]);
    }
    if (top >= 0) {
      if (follows[top]) {
        loops[top] |= looping;
        if (reached < top) {
          reach[top] = Math.min(reach[top], reached);
        }
      } else if ((looping || reached != NONE) && names[top] != null) {
        breakers.add(names[top]);
      }
    }
    lastLooping = looping;
    return weight;
  }

  /**
   * @param hashedSlot whether the innermost collection hashes this reference itself (an element of a HashSet)
   * @return the weight the reference adds to the object holding it
   */
  long backReference(int handle, boolean hashedSlot) {
    lastLooping = false;
    byte kind = handles.kind(handle);
    if (kind == Handles.OPEN) {
      return cycle(handles.link(handle), hashedSlot);
    }
    long weight = handles.weight(handle);
    if (kind != Handles.DONE && kind != Handles.LOOPING || top < 0) {
      return weight;
    }
    boolean hashedNow = hashedSlot || hashedThroughTop();
    if (kind == Handles.LOOPING) {
      noteBreakersBelowHashed();
      if (hashedNow) {
        throw loop();
      }
      loops[top] |= follows[top];
      lastLooping = true;
    }
    int reached = handles.link(handle);
    if (reached >= 0) {
      noteBreakersBelowHashed();
      if (handles.kind(reached) == Handles.OPEN) {
        int frame = handles.link(reached);
        weight = Saturating.plus(weight, weightFrom(frame));
        if (follows[top]) {
          reach[top] = Math.min(reach[top], frame);
        }
      } else {
        weight = Saturating.plus(weight, handles.weight(reached));
      }
    }
    return weight;
  }

  private long cycle(int frame, boolean hashedSlot) {
    boolean hashedNow = hashedSlot || hashedThroughTop();
    int hashed = hashedAbove[top];
    noteBreakers(hashed >= 0 ? Math.min(frame, hashed) : frame);
    if (runStart[top] <= frame) {
      if (hashedNow) {
        throw loop();
      }
      loops[top] = true;
      lastLooping = true;
      return 1;
    }
    if (follows[top]) {
      reach[top] = Math.min(reach[top], frame);
    }
    return hashedNow ? Saturating.plus(1, weightFrom(frame)) : 1;
  }

  /** Whether a collection hashes an object from which every frame down to the innermost follows what it holds. */
  private boolean hashedThroughTop() {
    return hashedAbove[top] >= runStart[top];
  }

  private long weightFrom(int frame) {
    long sum = 0;
    for (int i = frame; i <= top; i++) {
      sum = Saturating.plus(sum, weights[i]);
    }
    return sum;
  }

  /** The decisions about what hashing follows from the innermost hashed object (or this object) down rely on these. */
  private void noteBreakersBelowHashed() {
    noteBreakers(hashedAbove[top] >= 0 ? hashedAbove[top] : top);
  }

  private void noteBreakers(int from) {
    for (int i = Math.max(from, 0); i <= top; i++) {
      if (!follows[i] && names[i] != null) {
        breakers.add(names[i]);
      }
    }
  }

  private static Rejected loop() {
    return Rejected.limit("hash-collection work: a hash-based collection would hash a reference cycle "
        + "through JDK collections (a collection that contains itself), going round it until the stack overflows");
  }

  private void grow() {
    int capacity = handleOf.length * 2;
    handleOf = Arrays.copyOf(handleOf, capacity);
    names = Arrays.copyOf(names, capacity);
    weights = Arrays.copyOf(weights, capacity);
    follows = Arrays.copyOf(follows, capacity);
    runStart = Arrays.copyOf(runStart, capacity);
    hashedAbove = Arrays.copyOf(hashedAbove, capacity);
    reach = Arrays.copyOf(reach, capacity);
    loops = Arrays.copyOf(loops, capacity);
  }
}
