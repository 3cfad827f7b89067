package dev.regionfailover.workflows.evacuation;

import java.util.List;

/** An evacuation that cannot start; the message lists every problem and how to fix it. */
public final class InvalidEvacuation extends RuntimeException {

  /** The failure type the workflow fails with. */
  public static final String TYPE = "InvalidEvacuation";

  private final List<String> problems;

  public InvalidEvacuation(List<String> problems) {
    super("invalid evacuation:\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
