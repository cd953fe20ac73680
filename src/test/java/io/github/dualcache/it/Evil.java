package io.github.dualcache.it;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.Serializable;

/** A class outside the default allow-list whose deserialization leaves a trace. */
public final class Evil implements Serializable {

  static volatile boolean deserialized;

  final String payload;

  Evil(String payload) {
    this.payload = payload;
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    deserialized = true;
    in.defaultReadObject();
  }

  private Object readResolve() {
    deserialized = true;
    return this;
  }
}
