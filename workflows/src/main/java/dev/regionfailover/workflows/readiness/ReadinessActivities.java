package dev.regionfailover.workflows.readiness;

import dev.regionfailover.workflows.finding.Finding;
import io.temporal.activity.ActivityInterface;
import java.util.List;

/**
 * Readiness checks of an estate that the other capabilities' activities do not already make. Each
 * reads and changes nothing, and reports what it finds as findings: a broken condition, a missing
 * resource or an unreachable region is a FAIL finding naming the resource and the observed value,
 * not a failed activity. Only throttling and server errors fail an attempt, so that it is retried.
 */
@ActivityInterface(namePrefix = "Readiness")
public interface ReadinessActivities {

  /**
   * The ECS services and Auto Scaling groups of the target against their source counterparts (by
   * position): one finding per pair.
   */
  List<Finding> capacity(CapacityRequest request);

  /** One finding per resource the estate names in one region: whether it exists there. */
  List<Finding> resources(ResourcesRequest request);

  /** Whether the worker's credentials are accepted in one region (STS GetCallerIdentity). */
  Finding credentials(CredentialsRequest request);

  /**
   * One finding per traffic layer and region: whether what the layer shifts answers (Route 53
   * records and failover health checks, ARC routing controls, Global Accelerator endpoint groups),
   * and whether the health checks the monitor samples exist.
   */
  List<Finding> traffic(TrafficCheckRequest request);
}
