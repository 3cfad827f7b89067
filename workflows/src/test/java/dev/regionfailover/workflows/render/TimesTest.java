package dev.regionfailover.workflows.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Workflow code renders with these, so their text must not depend on the worker's locale. */
class TimesTest {

  @Test
  void durationsDoNotDependOnTheDefaultLocale() {
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.GERMANY);
      assertThat(Times.duration(850)).isEqualTo("850 ms");
      assertThat(Times.duration(12_345)).isEqualTo("12.3 s");
      assertThat(Times.duration(245_000)).isEqualTo("4m 05s");
      assertThat(Times.duration(3_720_000)).isEqualTo("1h 02m");
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void instantsAreShownInUtcToTheSecond() {
    assertThat(Times.format("2025-03-01T02:14:07.912Z")).isEqualTo("2025-03-01 02:14:07Z");
    assertThat(Times.format(null)).isEqualTo("-");
    assertThat(Times.format("not a time")).isEqualTo("not a time");
  }
}
