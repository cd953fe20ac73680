package io.github.dualcache.processor;

/** What an entry processor's calls on its entry amount to, decided when it returns. */
public enum MutableEntryOperation {
  NONE,
  ACCESS,
  CREATE,
  LOAD,
  UPDATE,
  REMOVE
}
