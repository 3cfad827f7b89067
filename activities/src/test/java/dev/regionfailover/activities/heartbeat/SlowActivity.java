package dev.regionfailover.activities.heartbeat;

import io.temporal.activity.ActivityInterface;

/** An activity that blocks longer than its heartbeat timeout between its own heartbeats. */
@ActivityInterface(namePrefix = "Slow")
public interface SlowActivity {

  /** Returns the heartbeat details this attempt started from, or "none". */
  String run(String checkpoint);
}
