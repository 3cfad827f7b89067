package dev.regionfailover.devstack.estate;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.Detection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/** Creates what the estate's detection section watches, every part of it healthy. */
final class DetectionProvisioner {

  private static final Logger log = LoggerFactory.getLogger(DetectionProvisioner.class);

  private final EmulatorClients clients;

  DetectionProvisioner(EmulatorClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  void provision(Detection detection) {
    provisionAlarms(detection);
    provisionHealthChecks(detection);
  }

  /**
   * Creates the CloudWatch alarms the estate's detection section names, in their regions, each in
   * state OK. moto never evaluates alarms, so their state changes only through SetAlarmState.
   */
  private void provisionAlarms(Detection detection) {
    detection
        .alarms()
        .forEach(
            (region, names) -> {
              for (String name : names) {
                clients
                    .cloudWatch(region)
                    .putMetricAlarm(
                        r ->
                            r.alarmName(name)
                                .namespace("AWS/ApplicationELB")
                                .metricName("HTTPCode_Target_5XX_Count")
                                .statistic(Statistic.SUM)
                                .period(60)
                                .evaluationPeriods(1)
                                .threshold(10.0)
                                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
                clients
                    .cloudWatch(region)
                    .setAlarmState(
                        r ->
                            r.alarmName(name)
                                .stateValue(StateValue.OK)
                                .stateReason("provisioned healthy"));
              }
            });
    log.info("Alarms registered: {}", detection.alarms());
  }

  /**
   * Registers the health checks the estate's detection section names as healthy in the AWS
   * stand-in: moto chooses the ids of the health checks it creates, so it cannot create the ones an
   * estate names, and it reports every check healthy anyway.
   */
  private void provisionHealthChecks(Detection detection) {
    detection
        .healthChecks()
        .values()
        .forEach(id -> clients.standInApi().putHealthCheckStatus(id, true));
    log.info("Health checks registered healthy: {}", detection.healthChecks());
  }
}
