package dev.regionfailover.devtools.bench;

import java.util.List;
import java.util.OptionalLong;

/**
 * What one re-pin comparison measured: the {@code RepinEntities} workflow and the plain loop over
 * the same N entities, and the worker's memory while the workflow ran.
 *
 * @param entities how many entities were seeded for each pass
 * @param workflowMoved how many the workflow moved
 * @param workflowSeconds how long the workflow took, start to result
 * @param workflowWrites the conditional writes the workflow made
 * @param workflowRetried the writes it retried
 * @param plainMoved how many the plain loop moved
 * @param plainSeconds how long the plain loop took
 * @param plainWrites the conditional writes the plain loop made
 * @param historyEvents the events of each run of the workflow, first run first
 * @param continueAsNew how many times the workflow continued as new
 * @param workerPeakKb the worker's peak resident set size (VmHWM) after the workflow, in kB
 * @param workerHeap the worker's heap as {@code jcmd} reported it after the workflow
 */
record RepinFigures(
    long entities,
    long workflowMoved,
    double workflowSeconds,
    long workflowWrites,
    long workflowRetried,
    long plainMoved,
    double plainSeconds,
    long plainWrites,
    List<Integer> historyEvents,
    int continueAsNew,
    OptionalLong workerPeakKb,
    String workerHeap) {

  /** The target of {@link #ratio()}: the workflow at least 80% as fast as the plain loop. */
  static final double RATIO_TARGET = 0.80;

  double workflowRate() {
    return workflowMoved / workflowSeconds;
  }

  double plainRate() {
    return plainMoved / plainSeconds;
  }

  /** The workflow's rate over the plain loop's. */
  double ratio() {
    return workflowRate() / plainRate();
  }

  /** Whether both passes moved every entity. */
  boolean complete() {
    return workflowMoved == entities && plainMoved == entities;
  }
}
