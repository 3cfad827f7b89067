package dev.regionfailover.workflows.rehearsal;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regionfailover.workflows.input.StrictRecordDeserializer;

/**
 * What the operator (or a schedule) asks for, as typed into the Temporal CLI or UI:
 *
 * <pre>{"app":"orders","targetRegion":"us-west-2","holdFor":"PT10M","rotate":false}</pre>
 *
 * <p>Durations travel as ISO-8601 text and flags as nullable booleans, and unknown keys are
 * ignored, so that anything an operator types reaches the workflow, which answers a mistake with a
 * failure naming the field. {@code returnAfter} and {@code rotate} say the same thing from two
 * sides: switch back after the hold (the default), or stay in the target for a regional rotation.
 * {@code checkEvery} is how often the target's health is read during the hold (default {@link
 * RehearsalPlan#DEFAULT_CHECK_EVERY}).
 */
@JsonDeserialize(using = StrictRecordDeserializer.class)
public record RehearsalRequest(
    String app,
    String targetRegion,
    String holdFor,
    String checkEvery,
    Boolean returnAfter,
    Boolean rotate,
    String reason,
    String requestedBy) {

  /** A rehearsal that switches back after {@code holdFor}, or stays when {@code rotate}. */
  public static RehearsalRequest of(
      String app, String targetRegion, String holdFor, boolean rotate, String requestedBy) {
    return new RehearsalRequest(app, targetRegion, holdFor, null, null, rotate, null, requestedBy);
  }

  /** The id of a rehearsal started by hand; a schedule appends the time of each action to it. */
  public static String workflowId(String app) {
    return "rehearsal-" + app;
  }
}
