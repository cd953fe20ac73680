package io.github.dualcache.cache;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * The one rule for which values a read may hand out as the very instance another read got: store-by-value
 * only forbids a caller's change reaching the cache, and an instance nobody can change needs no copy.
 *
 * <p>Immutable are instances of exactly these final JDK classes (never a subclass), enum constants
 * (decoding returns the canonical constant anyway), and records every component of which is
 * primitive, an enum, or declared as one of those classes or such a record, recursively. The
 * declared component type is what counts, so a record with an {@code Object} or {@code List}
 * component is never immutable whatever it holds.
 */
final class Immutables {
  private static final Set<Class<?>> FINAL_IMMUTABLE = Set.of(
      String.class, Boolean.class, Character.class, Byte.class, Short.class, Integer.class, Long.class,
      Float.class, Double.class, UUID.class, URI.class,
      Instant.class, Duration.class, Period.class, LocalDate.class, LocalTime.class, LocalDateTime.class,
      OffsetDateTime.class, OffsetTime.class, ZonedDateTime.class, ZoneOffset.class, Year.class, YearMonth.class,
      MonthDay.class);
  /** Immutable as instances of exactly this class, but not final, so not as a declared component type. */
  private static final Set<Class<?>> EXACT_IMMUTABLE = Set.of(BigInteger.class, BigDecimal.class);

  private static final ClassValue<Boolean> RUNTIME = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return EXACT_IMMUTABLE.contains(type) || isImmutableType(type, new HashSet<>());
    }
  };

  private Immutables() {}

  static boolean isImmutable(Object value) {
    // String first: the commonest key and value, and a ClassValue lookup is a hot frame of a heap hit
    return value != null && (value.getClass() == String.class || RUNTIME.get(value.getClass()));
  }

  /** Whether every instance of a variable declared {@code type} is immutable. */
  private static boolean isImmutableType(Class<?> type, Set<Class<?>> visiting) {
    if (type.isPrimitive() || type.isEnum() || FINAL_IMMUTABLE.contains(type)) {
      return true;
    }
    if (type.getSuperclass() != null && type.getSuperclass().isEnum()) {
      return true; // the class of an enum constant that has a body
    }
    if (!type.isRecord() || !visiting.add(type)) {
      return false; // a record that contains itself is refused rather than reasoned about
    }
    for (RecordComponent component : type.getRecordComponents()) {
      if (!isImmutableType(component.getType(), visiting)) {
        return false;
      }
    }
    visiting.remove(type);
    return true;
  }
}
