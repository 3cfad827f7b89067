package dev.regionfailover.starter.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShellWordsTest {

  @Test
  void quotesGroupWordsAndAreRemoved() {
    assertThat(
            ShellWords.split(
                "temporal  schedule create --cron '0 3 * * 2' --notes \"a \\\"b\\\" c\""
                    + " --input '{\"app\":\"orders\"}' x\\ y"))
        .containsExactly(
            "temporal",
            "schedule",
            "create",
            "--cron",
            "0 3 * * 2",
            "--notes",
            "a \"b\" c",
            "--input",
            "{\"app\":\"orders\"}",
            "x y");
  }

  @Test
  void anUnclosedQuoteIsAnError() {
    assertThatThrownBy(() -> ShellWords.split("echo 'open"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unclosed '");
  }
}
