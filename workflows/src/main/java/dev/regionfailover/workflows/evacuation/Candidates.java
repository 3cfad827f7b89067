package dev.regionfailover.workflows.evacuation;

import java.util.List;

/**
 * Every valid estate of the worker as a {@link Candidate}, and the estate files that could not be
 * read, each as {@code file: problem}, so that the plan can say why an app is missing.
 */
public record Candidates(List<Candidate> apps, List<String> invalidFiles) {

  public Candidates {
    apps = List.copyOf(apps);
    invalidFiles = invalidFiles == null ? List.of() : List.copyOf(invalidFiles);
  }
}
