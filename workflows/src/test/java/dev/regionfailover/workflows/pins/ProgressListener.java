package dev.regionfailover.workflows.pins;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/** Stands in for the failover: collects the progress signals of a re-pin. */
@WorkflowInterface
public interface ProgressListener {

  @WorkflowMethod(name = "ProgressListener")
  void listen();

  @SignalMethod(name = RepinEntitiesWorkflow.PROGRESS_SIGNAL)
  void progress(RepinProgress progress);

  @QueryMethod(name = "received")
  List<RepinProgress> received();
}
