package dev.regionfailover.workflows.rehearsal;

import java.util.List;

/** A rehearsal request that cannot run; the message names every bad field and its value. */
public final class InvalidRehearsalRequest extends RuntimeException {

  private final List<String> problems;

  public InvalidRehearsalRequest(List<String> problems) {
    super("invalid rehearsal request: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
