package io.github.dualcache.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses a setting whose value is one of an enum's constants, named in lower case. */
final class Choices {
  private Choices() {}

  static <E extends Enum<E>> E parse(Class<E> type, String key, String text) {
    for (E choice : type.getEnumConstants()) {
      if (choice.name().equalsIgnoreCase(text.trim())) {
        return choice;
      }
    }
    throw new IllegalArgumentException(key + "=" + text + " is not valid; valid choices: "
        + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
  }
}
