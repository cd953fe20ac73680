package io.github.dualcache.settings;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the durations users type: ISO-8601 ({@code PT1S}) or a number with a unit ({@code 500ms}, {@code 2s}). */
final class Durations {
  private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private Durations() {}

  static Duration parse(String key, String text) {
    String trimmed = text.trim();
    Matcher simple = SIMPLE.matcher(trimmed);
    Duration duration;
    if (simple.matches()) {
      long amount = Long.parseLong(simple.group(1));
      duration = switch (simple.group(2)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        default -> Duration.ofHours(amount);
      };
    } else {
      try {
        duration = Duration.parse(trimmed);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(key + "=" + text
            + " is not a duration; use ISO-8601 like PT1S or a number with ms, s, m or h like 500ms", e);
      }
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException(key + "=" + text + " must not be negative");
    }
    return duration;
  }
}
