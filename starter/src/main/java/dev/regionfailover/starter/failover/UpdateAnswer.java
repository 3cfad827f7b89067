package dev.regionfailover.starter.failover;

import dev.regionfailover.workflows.failover.OperatorVerdict;

/**
 * The workflow's answer to an operator update: its verdict when the update counted, else the reason
 * its validator gave for rejecting it. Exactly one is set.
 */
public record UpdateAnswer(OperatorVerdict verdict, String refusal) {

  static UpdateAnswer accepted(OperatorVerdict verdict) {
    return new UpdateAnswer(verdict, null);
  }

  static UpdateAnswer rejected(String refusal) {
    return new UpdateAnswer(null, refusal);
  }

  public boolean isAccepted() {
    return verdict != null;
  }
}
