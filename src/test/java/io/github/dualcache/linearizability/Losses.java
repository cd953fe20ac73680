package io.github.dualcache.linearizability;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Tells a history what a memcached restart lost, so that the checker holds the cache to what it
 * promises and no more: memcached is a cache, and a restarted server comes back empty.
 *
 * <p>Each key the server held gets one {@link OpType#LOST}: it becomes absent at one unknown
 * instant from the kill to when every JVM must have seen the loss. When the server also held the
 * cache's generation token, the cache starts over under a new token, and until every JVM has read
 * it (at most the local TTL, or until it has reconnected) JVMs may work in different generations,
 * as with a {@code clear()} made elsewhere: single-key operations are not linearizable with that,
 * so every operation on the key that overlaps the window is recorded as "may have taken effect"
 * (a read of it then says nothing). What stays checked: everything before the kill, everything
 * after the window (no value older than the last acknowledged write beyond the staleness bound,
 * nothing removed coming back, nothing acknowledged afterwards lost), and that the window brings
 * back no value not written during it.
 */
public final class Losses {
  /** The process name of the losses in a history. */
  public static final String PROCESS = "restart";

  private Losses() {}

  /**
   * {@code history} with the loss of {@code keys} somewhere in [{@code fromNanos}, {@code untilNanos}];
   * {@code generationLost} if the server held the cache's generation token.
   */
  public static List<Operation> apply(List<Operation> history, Collection<String> keys, long fromNanos,
      long untilNanos, boolean generationLost) {
    List<Operation> result = new ArrayList<>(history.size() + keys.size());
    for (Operation op : history) {
      boolean overlaps = op.start() <= untilNanos && op.end() >= fromNanos;
      if (generationLost && overlaps && keys.contains(op.key()) && !op.threw()) {
        result.add(new Operation(op.process(), op.start(), op.end(), op.key(), op.type(), op.arg1(), op.arg2(),
            Operation.THREW));
      } else {
        result.add(op);
      }
    }
    for (String key : keys) {
      result.add(new Operation(PROCESS, fromNanos, untilNanos, key, OpType.LOST, null, null, null));
    }
    return result;
  }
}
