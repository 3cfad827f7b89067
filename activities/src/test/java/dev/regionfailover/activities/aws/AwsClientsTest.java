package dev.regionfailover.activities.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

@ExtendWith(AwsStackExtension.class)
class AwsClientsTest {

  @Test
  void clientsAreCachedPerRegionAndReachTheEndpoint(AwsStack stack) {
    try (AwsClients clients = EmulatedAws.clients(stack)) {
      assertThat(clients.ssm("us-east-1")).isSameAs(clients.ssm("us-east-1"));
      assertThat(clients.ssm("us-west-2")).isNotSameAs(clients.ssm("us-east-1"));
      assertThat(clients.route53()).isSameAs(clients.route53());

      clients.ssm("us-west-2").putParameter(b -> b.name("/orders/flag").value("on").type("String"));

      assertThat(
              clients
                  .ssm("us-west-2")
                  .getParameter(b -> b.name("/orders/flag"))
                  .parameter()
                  .value())
          .isEqualTo("on");
      // Regions are separate in the emulator as in AWS: the client really signs for its region.
      assertThatThrownBy(() -> clients.ssm("us-east-1").getParameter(b -> b.name("/orders/flag")))
          .isInstanceOf(AwsServiceException.class);
    }
  }

  @Test
  void closedClientsRefuseNewWork(AwsStack stack) {
    AwsClients clients = EmulatedAws.clients(stack);
    clients.dynamo("us-east-1");
    clients.close();

    assertThatThrownBy(() -> clients.dynamo("us-east-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void defaultsUseTheDefaultChainAndBoundedCalls() {
    AwsSettings defaults = AwsSettings.defaults();

    assertThat(defaults.endpointOverride()).isEmpty();
    assertThat(defaults.apiCallTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(defaults.apiCallAttemptTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(defaults.maxAttempts()).isEqualTo(4);
    assertThatThrownBy(
            () ->
                new AwsSettings(
                    defaults.endpointOverride(),
                    defaults.credentials(),
                    Duration.ofSeconds(5),
                    Duration.ofSeconds(10),
                    4))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("apiCallAttemptTimeout");
  }
}
