package dev.regionfailover.workflows.render;

/**
 * The current details the Temporal UI shows for a workflow. The UI renders them as Markdown, so the
 * text the CLI prints goes into a code block, where its columns stay aligned.
 */
public final class Details {

  private Details() {}

  /** The text as a Markdown code block. */
  public static String preformatted(String text) {
    return "```\n" + text + (text.endsWith("\n") ? "" : "\n") + "```\n";
  }
}
