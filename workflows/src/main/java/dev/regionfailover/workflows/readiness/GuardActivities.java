package dev.regionfailover.workflows.readiness;

import dev.regionfailover.workflows.finding.Finding;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/** Promotion guards that read SSM parameters and Route 53 records and change nothing. */
@ActivityInterface(namePrefix = "Guard")
public interface GuardActivities {

  /** One finding per guard and region (or record), each naming the resource and observed value. */
  List<Finding> check(GuardRequest request);
}
