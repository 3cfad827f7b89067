package dev.regionfailover.worker;

import dev.regionfailover.devstack.aws.CallHold;

/** When, in a step's life, the crash matrix kills the worker. */
enum CrashMoment {
  /** The step's AWS call reached the stand-in, which never forwards it: AWS did not see it. */
  BEFORE_CALL("before the call", CallHold.Moment.BEFORE_AWS),
  /** AWS served the call and the stand-in keeps the answer from the worker. */
  CALL_IN_FLIGHT("call in flight", CallHold.Moment.AFTER_AWS),
  /** Every call returned; the proxy keeps the activity's completion from Temporal. */
  BEFORE_RECORDED("returned, not recorded", null);

  private final String label;
  private final CallHold.Moment hold;

  CrashMoment(String label, CallHold.Moment hold) {
    this.label = label;
    this.hold = hold;
  }

  String label() {
    return label;
  }

  /** The stand-in's hold of this moment; null for the one the proxy makes. */
  CallHold.Moment hold() {
    return hold;
  }
}
