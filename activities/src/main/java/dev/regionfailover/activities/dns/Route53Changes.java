package dev.regionfailover.activities.dns;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;

/** Waits for Route 53 changes to reach every Route 53 name server. */
public final class Route53Changes {

  private final AwsClients clients;
  private final Duration pollInterval;

  /**
   * @param pollInterval how long to wait between looks at a change that is not in sync yet
   */
  public Route53Changes(AwsClients clients, Duration pollInterval) {
    this.clients = requireNonNull(clients, "clients is null");
    this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
  }

  /**
   * Waits, heartbeating, until Route 53 reports the change in sync. A hand-written loop instead of
   * the SDK waiter, because the waiter cannot heartbeat. Must run inside an activity.
   *
   * @param where what the change is about, for messages
   */
  public void awaitInSync(ChangeInfo change, String where) {
    ChangeInfo info = change;
    while (info.status() != ChangeStatus.INSYNC) {
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApplicationFailure.newFailure(
            "interrupted while waiting for change " + change.id() + " of " + where, "Interrupted");
      }
      Activity.getExecutionContext().heartbeat(info.id() + " " + info.statusAsString());
      String id = info.id();
      info =
          AwsFailures.call(
              "GetChange",
              "change " + id + " of " + where,
              Route53Records.GLOBAL,
              () -> clients.route53().getChange(b -> b.id(id)).changeInfo());
    }
  }
}
