package dev.regionfailover.starter.failover;

import dev.regionfailover.workflows.failover.FailoverMode;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The modes {@code start --mode} offers and accepts, in any letter case: every one but RECOVER,
 * which only a recovery reports.
 */
final class StartModes implements Iterable<String>, ITypeConverter<FailoverMode> {

  private static final List<String> MODES =
      FailoverMode.failoverModes().stream().map(FailoverMode::name).toList();

  @Override
  public Iterator<String> iterator() {
    return MODES.iterator();
  }

  @Override
  public FailoverMode convert(String value) {
    String mode = value.trim().toUpperCase(Locale.ROOT);
    if (mode.equals(FailoverMode.RECOVER.name())) {
      throw new TypeConversionException(
          "RECOVER is not a way to fail over; to restore one writer after a failover stopped, run"
              + " ./failover recover APP");
    }
    if (!MODES.contains(mode)) {
      throw new TypeConversionException(
          "expected one of " + MODES + " (case-insensitive) but was '" + value + "'");
    }
    return FailoverMode.valueOf(mode);
  }
}
