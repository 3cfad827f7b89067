package dev.regionfailover.worker;

import java.util.List;

/** The activity instances a worker registers; stateless and shared by all executions. */
record RegisteredActivities(List<Object> implementations) {

  RegisteredActivities {
    implementations = List.copyOf(implementations);
  }
}
