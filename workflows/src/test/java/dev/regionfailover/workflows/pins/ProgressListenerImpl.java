package dev.regionfailover.workflows.pins;

import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;

/** Keeps every progress signal; runs until the test environment closes. */
public final class ProgressListenerImpl implements ProgressListener {

  private final List<RepinProgress> received = new ArrayList<>();

  @Override
  public void listen() {
    Workflow.await(() -> false);
  }

  @Override
  public void progress(RepinProgress progress) {
    received.add(progress);
  }

  @Override
  public List<RepinProgress> received() {
    return List.copyOf(received);
  }
}
