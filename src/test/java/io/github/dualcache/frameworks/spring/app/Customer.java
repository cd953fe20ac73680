package io.github.dualcache.frameworks.spring.app;

import java.io.Serializable;

/** The app's own value class: dualcache stores it with JDK serialization. */
public record Customer(long id, String name) implements Serializable {}
