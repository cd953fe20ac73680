package io.github.dualcache.settings;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Parses a setting whose value is one of an enum's constants, named in camel case ({@code heap},
 * {@code failOpen}); case does not matter, and the constant's own name ({@code FAIL_OPEN}) is
 * accepted too.
 */
final class Choices {
  private Choices() {}

  static <E extends Enum<E>> E parse(Class<E> type, String key, String text) {
    String wanted = text.trim();
    for (E choice : type.getEnumConstants()) {
      if (name(choice).equalsIgnoreCase(wanted) || choice.name().equalsIgnoreCase(wanted)) {
        return choice;
      }
    }
    throw new IllegalArgumentException(key + "=" + text + " is not valid; valid choices: "
        + Arrays.stream(type.getEnumConstants()).map(Choices::name).collect(Collectors.joining(", ")));
  }

  /** {@code HEAP} is {@code heap}, {@code FAIL_OPEN} is {@code failOpen}. */
  static String name(Enum<?> choice) {
    String[] words = choice.name().toLowerCase(Locale.ROOT).split("_");
    StringBuilder name = new StringBuilder(words[0]);
    for (int i = 1; i < words.length; i++) {
      name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
    }
    return name.toString();
  }
}
