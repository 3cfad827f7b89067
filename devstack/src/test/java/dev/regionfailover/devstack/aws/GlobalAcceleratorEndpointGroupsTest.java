package dev.regionfailover.devstack.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.globalaccelerator.GlobalAcceleratorClient;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointGroup;
import software.amazon.awssdk.services.globalaccelerator.model.EndpointGroupNotFoundException;
import software.amazon.awssdk.services.globalaccelerator.model.InvalidArgumentException;

@ExtendWith(AwsStackExtension.class)
class GlobalAcceleratorEndpointGroupsTest {

  private static final String WEST = "us-west-2";
  private static final String LISTENER =
      "arn:aws:globalaccelerator::123456789012:accelerator/orders/listener/web";
  private static final String USE1 = LISTENER + "/endpoint-group/use1";
  private static final String USW2 = LISTENER + "/endpoint-group/usw2";

  private final AwsStack aws;
  private final EmulatorClients clients;

  GlobalAcceleratorEndpointGroupsTest(AwsStack aws, EmulatorClients clients) {
    this.aws = aws;
    this.clients = clients;
  }

  @BeforeEach
  void registerGroups() {
    aws.standIn().globalAccelerator().putEndpointGroup(USE1, "us-east-1", 100);
    aws.standIn().globalAccelerator().putEndpointGroup(USW2, WEST, 0);
  }

  @Test
  void describeShowsTheGroupWithItsRegionAndDial() {
    EndpointGroup group =
        clients
            .globalAccelerator()
            .describeEndpointGroup(r -> r.endpointGroupArn(USE1))
            .endpointGroup();

    assertThat(group.endpointGroupArn()).isEqualTo(USE1);
    assertThat(group.endpointGroupRegion()).isEqualTo("us-east-1");
    assertThat(group.trafficDialPercentage()).isEqualTo(100f);
    assertThat(group.endpointDescriptions()).isEmpty();
    assertThat(group.healthCheckProtocolAsString()).isEqualTo("TCP");
    assertThat(aws.standIn().count(WEST, "DescribeEndpointGroup")).isEqualTo(1);
  }

  @Test
  void updateTurnsTheDialAndKeepsWhatItDoesNotName() {
    EndpointGroup updated =
        clients
            .globalAccelerator()
            .updateEndpointGroup(r -> r.endpointGroupArn(USW2).trafficDialPercentage(100f))
            .endpointGroup();
    clients
        .globalAccelerator()
        .updateEndpointGroup(r -> r.endpointGroupArn(USE1).healthCheckPath("/health"));

    assertThat(updated.trafficDialPercentage()).isEqualTo(100f);
    assertThat(updated.endpointGroupRegion()).isEqualTo(WEST);
    assertThat(aws.standIn().globalAccelerator().dial(USW2)).isEqualTo(100);
    EndpointGroup east =
        clients
            .globalAccelerator()
            .describeEndpointGroup(r -> r.endpointGroupArn(USE1))
            .endpointGroup();
    assertThat(east.trafficDialPercentage()).isEqualTo(100f);
    assertThat(east.healthCheckPath()).isEqualTo("/health");
    assertThat(aws.standIn().count(WEST, "UpdateEndpointGroup")).isEqualTo(2);
  }

  @Test
  void aDialOutOfRangeIsAnInvalidArgument() {
    assertThatThrownBy(
            () ->
                clients
                    .globalAccelerator()
                    .updateEndpointGroup(r -> r.endpointGroupArn(USW2).trafficDialPercentage(101f)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("101");
    assertThat(aws.standIn().globalAccelerator().dial(USW2)).isZero();
  }

  @Test
  void anUnknownGroupIsNotFound() {
    String unknown = LISTENER + "/endpoint-group/euw1";
    EndpointGroupNotFoundException describe =
        catchThrowableOfType(
            EndpointGroupNotFoundException.class,
            () ->
                clients
                    .globalAccelerator()
                    .describeEndpointGroup(r -> r.endpointGroupArn(unknown)));
    assertThatThrownBy(
            () ->
                clients
                    .globalAccelerator()
                    .updateEndpointGroup(
                        r -> r.endpointGroupArn(unknown).trafficDialPercentage(50f)))
        .isInstanceOf(EndpointGroupNotFoundException.class);

    assertThat(describe.awsErrorDetails().errorCode()).isEqualTo("EndpointGroupNotFoundException");
    assertThat(describe.getMessage()).contains(unknown);
    assertThatThrownBy(() -> aws.standIn().globalAccelerator().dial(unknown))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(unknown);
  }

  @Test
  void requestsSignedForAnotherRegionThanUsWest2AreRefused() {
    try (GlobalAcceleratorClient east = client("us-east-1")) {
      assertThatThrownBy(() -> east.describeEndpointGroup(r -> r.endpointGroupArn(USE1)))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("only in us-west-2")
          .hasMessageContaining("us-east-1");
      assertThatThrownBy(
              () ->
                  east.updateEndpointGroup(r -> r.endpointGroupArn(USE1).trafficDialPercentage(0f)))
          .isInstanceOf(InvalidArgumentException.class);
    }
    assertThat(aws.standIn().globalAccelerator().dial(USE1)).isEqualTo(100);
  }

  @Test
  void anOutageOfUsWest2TakesTheApiDown() {
    aws.standIn().faults().refuseRegion(WEST);

    assertThatThrownBy(
            () -> clients.globalAccelerator().describeEndpointGroup(r -> r.endpointGroupArn(USE1)))
        .isInstanceOf(SdkClientException.class);
    assertThat(aws.standIn().rejected(WEST, "DescribeEndpointGroup")).isPositive();
  }

  @Test
  void throttledUpdatesAreRetriedAndTakeEffect() {
    aws.standIn().faults().throttle(0.5);

    clients
        .globalAccelerator()
        .updateEndpointGroup(r -> r.endpointGroupArn(USW2).trafficDialPercentage(100f));

    assertThat(aws.standIn().rejected(WEST, "UpdateEndpointGroup")).isEqualTo(1);
    assertThat(aws.standIn().count(WEST, "UpdateEndpointGroup")).isEqualTo(1);
    assertThat(aws.standIn().globalAccelerator().dial(USW2)).isEqualTo(100);
  }

  @Test
  void resetRemovesEveryGroup() {
    aws.standIn().reset();

    assertThatThrownBy(
            () -> clients.globalAccelerator().describeEndpointGroup(r -> r.endpointGroupArn(USE1)))
        .isInstanceOf(EndpointGroupNotFoundException.class);
  }

  @Test
  void theStandInApiRegistersGroupsForProcessesWithoutTheStandIn() {
    clients.standInApi().putEndpointGroup(USW2, WEST, 40);

    assertThat(aws.standIn().globalAccelerator().dial(USW2)).isEqualTo(40);
    assertThatThrownBy(() -> clients.standInApi().putEndpointGroup(USW2, WEST, 140))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("140");
  }

  private GlobalAcceleratorClient client(String region) {
    return GlobalAcceleratorClient.builder()
        .region(Region.of(region))
        .endpointOverride(clients.endpoint())
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(EmulatorClients.CREDENTIAL, EmulatorClients.CREDENTIAL)))
        .build();
  }
}
