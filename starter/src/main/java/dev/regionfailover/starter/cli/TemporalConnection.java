package dev.regionfailover.starter.cli;

import static java.util.Objects.requireNonNull;

import io.temporal.client.WorkflowClient;

/** A workflow client and whatever must be released with it. */
public final class TemporalConnection implements AutoCloseable {

  private final WorkflowClient client;
  private final Runnable release;

  public TemporalConnection(WorkflowClient client, Runnable release) {
    this.client = requireNonNull(client, "client is null");
    this.release = requireNonNull(release, "release is null");
  }

  public WorkflowClient client() {
    return client;
  }

  @Override
  public void close() {
    release.run();
  }
}
