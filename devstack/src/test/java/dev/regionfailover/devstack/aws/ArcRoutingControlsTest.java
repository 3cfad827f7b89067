package dev.regionfailover.devstack.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.route53recoverycluster.Route53RecoveryClusterClient;
import software.amazon.awssdk.services.route53recoverycluster.model.ConflictException;
import software.amazon.awssdk.services.route53recoverycluster.model.GetRoutingControlStateResponse;
import software.amazon.awssdk.services.route53recoverycluster.model.ResourceNotFoundException;
import software.amazon.awssdk.services.route53recoverycluster.model.RoutingControl;
import software.amazon.awssdk.services.route53recoverycluster.model.RoutingControlState;
import software.amazon.awssdk.services.route53recoverycluster.model.UpdateRoutingControlStateEntry;
import software.amazon.awssdk.services.route53recoverycluster.model.ValidationException;

@ExtendWith(AwsStackExtension.class)
class ArcRoutingControlsTest {

  private static final String EAST = "us-east-1";
  private static final String WEST = "us-west-2";
  private static final String PANEL =
      "arn:aws:route53-recovery-control::123456789012:controlpanel/orders";
  private static final String USE1 = PANEL + "/routingcontrol/use1";
  private static final String USW2 = PANEL + "/routingcontrol/usw2";
  private static final String OTHER =
      "arn:aws:route53-recovery-control::123456789012:controlpanel/billing/routingcontrol/use1";

  private final AwsStack aws;
  private final EmulatorClients clients;

  ArcRoutingControlsTest(AwsStack aws, EmulatorClients clients) {
    this.aws = aws;
    this.clients = clients;
  }

  @BeforeEach
  void registerControls() {
    aws.standIn().arc().putRoutingControl(USE1, true);
    aws.standIn().arc().putRoutingControl(USW2, false);
  }

  @Test
  void getReadsTheStateAndNameThroughAnyClusterRegion() {
    GetRoutingControlStateResponse east =
        clients.arc(EAST).getRoutingControlState(r -> r.routingControlArn(USE1));
    GetRoutingControlStateResponse west =
        clients.arc(WEST).getRoutingControlState(r -> r.routingControlArn(USW2));

    assertThat(east.routingControlArn()).isEqualTo(USE1);
    assertThat(east.routingControlState()).isEqualTo(RoutingControlState.ON);
    assertThat(east.routingControlName()).isEqualTo("use1");
    assertThat(west.routingControlState()).isEqualTo(RoutingControlState.OFF);
    assertThat(aws.standIn().count(EAST, "GetRoutingControlState")).isEqualTo(1);
    assertThat(aws.standIn().count(WEST, "GetRoutingControlState")).isEqualTo(1);
  }

  @Test
  void updateChangesOneControl() {
    clients
        .arc(WEST)
        .updateRoutingControlState(
            r -> r.routingControlArn(USW2).routingControlState(RoutingControlState.ON));

    assertThat(aws.standIn().arc().isOn(USW2)).isTrue();
    assertThat(aws.standIn().arc().isOn(USE1)).isTrue();
    assertThat(aws.standIn().count("UpdateRoutingControlState")).isEqualTo(1);
  }

  @Test
  void batchUpdateMovesTrafficInOneStepThatNoSafetyRuleObjectsTo() {
    clients
        .arc(EAST)
        .updateRoutingControlStates(
            r -> r.updateRoutingControlStateEntries(entry(USE1, false), entry(USW2, true)));

    assertThat(aws.standIn().arc().isOn(USE1)).isFalse();
    assertThat(aws.standIn().arc().isOn(USW2)).isTrue();
    assertThat(aws.standIn().count(EAST, "UpdateRoutingControlStates")).isEqualTo(1);
  }

  @Test
  void theSafetyRuleRefusesTurningTheLastControlOfAPanelOff() {
    ConflictException single =
        catchThrowableOfType(
            ConflictException.class,
            () ->
                clients
                    .arc(EAST)
                    .updateRoutingControlState(
                        r ->
                            r.routingControlArn(USE1)
                                .routingControlState(RoutingControlState.OFF)));
    ConflictException batch =
        catchThrowableOfType(
            ConflictException.class,
            () ->
                clients
                    .arc(EAST)
                    .updateRoutingControlStates(
                        r ->
                            r.updateRoutingControlStateEntries(
                                entry(USE1, false), entry(USW2, false))));

    String rule = ArcRoutingControls.safetyRuleArn(USE1);
    assertThat(rule).isEqualTo(PANEL + "/safetyrule/at-least-one-on");
    assertThat(single.awsErrorDetails().errorCode()).isEqualTo("ConflictException");
    assertThat(single.statusCode()).isEqualTo(409);
    assertThat(single.resourceId()).isEqualTo(rule);
    assertThat(single.getMessage()).contains(rule);
    assertThat(batch.resourceId()).isEqualTo(rule);
    assertThat(aws.standIn().arc().isOn(USE1)).isTrue();
    assertThat(aws.standIn().arc().isOn(USW2)).isFalse();
  }

  @Test
  void aListedSafetyRuleIsOverridden() {
    clients
        .arc(EAST)
        .updateRoutingControlState(
            r ->
                r.routingControlArn(USE1)
                    .routingControlState(RoutingControlState.OFF)
                    .safetyRulesToOverride(ArcRoutingControls.safetyRuleArn(USE1)));

    assertThat(aws.standIn().arc().isOn(USE1)).isFalse();
  }

  @Test
  void eachControlPanelHasItsOwnSafetyRule() {
    aws.standIn().arc().putRoutingControl(OTHER, true);

    // Turning billing's only control Off is refused even though orders' panel still has one On.
    assertThatThrownBy(
            () ->
                clients
                    .arc(EAST)
                    .updateRoutingControlState(
                        r ->
                            r.routingControlArn(OTHER)
                                .routingControlState(RoutingControlState.OFF)))
        .isInstanceOf(ConflictException.class)
        .hasMessageContaining(ArcRoutingControls.safetyRuleArn(OTHER));
    clients
        .arc(EAST)
        .updateRoutingControlState(
            r -> r.routingControlArn(USW2).routingControlState(RoutingControlState.ON));

    assertThat(aws.standIn().arc().isOn(OTHER)).isTrue();
    assertThat(aws.standIn().arc().isOn(USW2)).isTrue();
  }

  @Test
  void anUnknownControlIsNotFoundAndABatchNamingOneChangesNothing() {
    String unknown = PANEL + "/routingcontrol/euw1";
    ResourceNotFoundException get =
        catchThrowableOfType(
            ResourceNotFoundException.class,
            () -> clients.arc(EAST).getRoutingControlState(r -> r.routingControlArn(unknown)));
    assertThatThrownBy(
            () ->
                clients
                    .arc(EAST)
                    .updateRoutingControlStates(
                        r ->
                            r.updateRoutingControlStateEntries(
                                entry(USW2, true), entry(unknown, true))))
        .isInstanceOf(ResourceNotFoundException.class);

    assertThat(get.statusCode()).isEqualTo(404);
    assertThat(get.resourceId()).isEqualTo(unknown);
    assertThat(get.getMessage()).contains(unknown);
    assertThat(aws.standIn().arc().isOn(USW2)).isFalse();
    assertThatThrownBy(() -> aws.standIn().arc().isOn(unknown))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(unknown);
  }

  @Test
  void anInvalidStateIsAValidationError() {
    assertThatThrownBy(
            () ->
                clients
                    .arc(EAST)
                    .updateRoutingControlState(
                        r -> r.routingControlArn(USW2).routingControlState("Maybe")))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("Maybe");
  }

  @Test
  void listShowsEveryControlWithItsPanel() {
    List<RoutingControl> controls =
        clients.arc(WEST).listRoutingControls(r -> {}).routingControls();

    assertThat(controls)
        .extracting(RoutingControl::routingControlArn, RoutingControl::routingControlState)
        .containsExactly(tuple(USE1, RoutingControlState.ON), tuple(USW2, RoutingControlState.OFF));
    assertThat(controls.get(0).controlPanelArn()).isEqualTo(PANEL);
    assertThat(controls.get(0).controlPanelName()).isEqualTo("orders");
    assertThat(controls.get(0).owner()).isEqualTo("123456789012");
  }

  @Test
  void aRefusedRegionTakesOnlyItsClusterEndpointDown() {
    aws.standIn().faults().refuseRegion(EAST);

    assertThatThrownBy(
            () -> clients.arc(EAST).getRoutingControlState(r -> r.routingControlArn(USE1)))
        .isInstanceOf(SdkClientException.class)
        .hasRootCauseInstanceOf(IOException.class);
    clients
        .arc(WEST)
        .updateRoutingControlStates(
            r -> r.updateRoutingControlStateEntries(entry(USE1, false), entry(USW2, true)));

    assertThat(aws.standIn().rejected(EAST, "GetRoutingControlState")).isPositive();
    assertThat(aws.standIn().count(EAST, "GetRoutingControlState")).isZero();
    assertThat(aws.standIn().arc().isOn(USW2)).isTrue();
  }

  @Test
  void anArcClientPointedAtAClusterEndpointPathIsServed() {
    try (Route53RecoveryClusterClient client =
        Route53RecoveryClusterClient.builder()
            .region(Region.of(WEST))
            .endpointOverride(clients.endpoint().resolve("/v1"))
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        EmulatorClients.CREDENTIAL, EmulatorClients.CREDENTIAL)))
            .build()) {
      assertThat(
              client.getRoutingControlState(r -> r.routingControlArn(USE1)).routingControlState())
          .isEqualTo(RoutingControlState.ON);
    }
  }

  @Test
  void resetRemovesEveryControl() {
    aws.standIn().reset();

    assertThatThrownBy(
            () -> clients.arc(EAST).getRoutingControlState(r -> r.routingControlArn(USE1)))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(aws.standIn().count("GetRoutingControlState")).isEqualTo(1);
  }

  @Test
  void theStandInApiRegistersControlsForProcessesWithoutTheStandIn() {
    String control = PANEL + "/routingcontrol/euw1";
    clients.standInApi().putRoutingControl(control, true);
    clients.standInApi().putRoutingControl(USE1, false);

    assertThat(aws.standIn().arc().isOn(control)).isTrue();
    assertThat(aws.standIn().arc().isOn(USE1)).isFalse();
    assertThatThrownBy(() -> clients.standInApi().putRoutingControl("arn:aws:nope", true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HTTP 400")
        .hasMessageContaining("arn:aws:nope");
  }

  private static UpdateRoutingControlStateEntry entry(String arn, boolean on) {
    return UpdateRoutingControlStateEntry.builder()
        .routingControlArn(arn)
        .routingControlState(on ? RoutingControlState.ON : RoutingControlState.OFF)
        .build();
  }
}
