package dev.regionfailover.devstack.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.route53.model.HealthCheckObservation;
import software.amazon.awssdk.services.route53.model.HealthCheckType;
import software.amazon.awssdk.services.route53.model.NoSuchHealthCheckException;

@ExtendWith(AwsStackExtension.class)
class Route53HealthChecksTest {

  private final AwsStack aws;
  private final EmulatorClients clients;

  Route53HealthChecksTest(AwsStack aws, EmulatorClients clients) {
    this.aws = aws;
    this.clients = clients;
  }

  @Test
  void statusSetThroughTheStandInApiIsWhatEveryCheckerReports() {
    clients.standInApi().putHealthCheckStatus("orders-api-use1", false);

    assertThat(statuses("orders-api-use1"))
        .hasSize(3)
        .allMatch(s -> s.startsWith("Failure: Connection timed out"));

    aws.standIn().healthChecks().setHealthy("orders-api-use1", true);

    assertThat(statuses("orders-api-use1")).hasSize(3).allMatch(s -> s.startsWith("Success"));
    assertThat(aws.standIn().count("GetHealthCheckStatus")).isEqualTo(2);
  }

  @Test
  void aCheckWithoutAStatusIsAnsweredByMoto() {
    String id =
        clients
            .route53()
            .createHealthCheck(
                b ->
                    b.callerReference(UUID.randomUUID().toString())
                        .healthCheckConfig(
                            c ->
                                c.type(HealthCheckType.HTTP)
                                    .fullyQualifiedDomainName("api.example.com")
                                    .port(80)
                                    .resourcePath("/")))
            .healthCheck()
            .id();

    assertThat(statuses(id)).singleElement().asString().startsWith("Success");
    assertThatThrownBy(() -> statuses("no-such-check"))
        .isInstanceOf(NoSuchHealthCheckException.class);
  }

  @Test
  void resetForgetsEveryStatus() {
    aws.standIn().healthChecks().setHealthy("orders-api-use1", false);

    aws.standIn().reset();

    assertThatThrownBy(() -> statuses("orders-api-use1"))
        .isInstanceOf(NoSuchHealthCheckException.class);
  }

  private List<String> statuses(String id) {
    return clients
        .route53()
        .getHealthCheckStatus(b -> b.healthCheckId(id))
        .healthCheckObservations()
        .stream()
        .map(HealthCheckObservation::statusReport)
        .map(r -> r.status())
        .toList();
  }
}
