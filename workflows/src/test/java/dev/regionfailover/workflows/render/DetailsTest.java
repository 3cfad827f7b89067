package dev.regionfailover.workflows.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The UI renders current details as Markdown; a table must stay a code block in it. */
class DetailsTest {

  @Test
  void theTextBecomesACodeBlockEndedByANewline() {
    assertThat(Details.preformatted("a  b\n")).isEqualTo("```\na  b\n```\n");
    assertThat(Details.preformatted("a  b")).isEqualTo("```\na  b\n```\n");
  }
}
