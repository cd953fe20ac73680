package io.github.dualcache.cache;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * Runs every step of a {@code close()} even when one fails, so a failing listener, MBean server
 * or memcached client never leaves the rest open; the failures are logged, none is thrown: closing
 * is what a caller does when it is done, and it has no way to recover.
 */
final class Cleanup {
  private static final Logger LOGGER = System.getLogger(Cleanup.class.getName());

  private final String owner;

  Cleanup(String owner) {
    this.owner = owner;
  }

  /** A step that may throw anything. */
  @FunctionalInterface
  interface Step {
    void run() throws Exception;
  }

  Cleanup then(String what, Step step) {
    try {
      step.run();
    } catch (Exception e) {
      LOGGER.log(Level.WARNING, "Closing " + owner + ": " + what + " failed", e);
    }
    return this;
  }
}
