package dev.regionfailover.workflows.render;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Instants and durations as an operator reads them: UTC to the second, durations in units. Pure and
 * independent of the default locale and zone, so that workflow code may render with it.
 */
public final class Times {

  private static final DateTimeFormatter UTC =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Times() {}

  /** An ISO-8601 instant as {@code 2025-03-01 02:14:07Z}; other text is shown as it is. */
  public static String format(String instant) {
    if (instant == null || instant.isBlank()) {
      return "-";
    }
    try {
      return UTC.format(Instant.parse(instant).truncatedTo(ChronoUnit.SECONDS));
    } catch (DateTimeParseException e) {
      return instant;
    }
  }

  /** A duration as {@code 850 ms}, {@code 12.3 s}, {@code 4m 05s} or {@code 1h 02m}. */
  public static String duration(long millis) {
    if (millis < 1000) {
      return millis + " ms";
    }
    if (millis < 60_000) {
      return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
    long seconds = millis / 1000;
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%dm %02ds", seconds / 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%dh %02dm", seconds / 3600, (seconds % 3600) / 60);
  }
}
