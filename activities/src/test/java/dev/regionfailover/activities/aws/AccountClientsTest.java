package dev.regionfailover.activities.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.aws.RecordedOperation;
import dev.regionfailover.workflows.estate.AwsAccount;
import java.net.URI;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointParams;
import software.amazon.awssdk.services.sts.endpoints.StsEndpointProvider;

/** The clients of apps in accounts of their own, reached through roles the worker assumes. */
@ExtendWith(AwsStackExtension.class)
class AccountClientsTest {

  private static final AwsAccount ORDERS =
      new AwsAccount("arn:aws:iam::111111111111:role/region-failover", "orders-external-id");
  private static final AwsAccount PAYMENTS =
      new AwsAccount("arn:aws:iam::222222222222:role/region-failover", null);

  @Test
  void eachAccountSeesOnlyItsOwnResources(AwsStack stack) {
    try (AwsClients clients = EmulatedAws.clients(stack)) {
      clients
          .forAccount(ORDERS)
          .ssm("eu-west-1")
          .putParameter(b -> b.name("/orders/flag").value("on").type("String"));

      assertThat(
              clients
                  .forAccount(ORDERS)
                  .ssm("eu-west-1")
                  .getParameter(b -> b.name("/orders/flag"))
                  .parameter()
                  .value())
          .isEqualTo("on");
      assertThatThrownBy(
              () ->
                  clients
                      .forAccount(PAYMENTS)
                      .ssm("eu-west-1")
                      .getParameter(b -> b.name("/orders/flag")))
          .isInstanceOf(ParameterNotFoundException.class);
      assertThatThrownBy(() -> clients.ssm("eu-west-1").getParameter(b -> b.name("/orders/flag")))
          .isInstanceOf(ParameterNotFoundException.class);
      assertThat(clients.forAccount(ORDERS).sts("eu-west-1").getCallerIdentity().account())
          .isEqualTo("111111111111");
    }
  }

  @Test
  void theRunningActivitysAccountChoosesTheCredentials(AwsStack stack) {
    try (AwsClients clients = EmulatedAws.clients(stack)) {
      String inOrders =
          ActivityAccount.in(ORDERS, () -> clients.sts("us-west-2").getCallerIdentity().account());
      String outside = clients.sts("us-west-2").getCallerIdentity().account();

      assertThat(inOrders).isEqualTo("111111111111");
      assertThat(outside).isNotEqualTo("111111111111");
      assertThat(ActivityAccount.current()).isEqualTo(AwsAccount.WORKER);
    }
  }

  @Test
  void rolesAreAssumedOncePerAccountAndRegionThroughThatRegionsSts(AwsStack stack) {
    try (AwsClients clients = EmulatedAws.clients(stack)) {
      AwsClients orders = clients.forAccount(ORDERS);
      orders.ssm("eu-west-1").describeParameters();
      orders.ssm("eu-west-1").describeParameters();
      orders.dynamo("eu-west-1").listTables();
      orders.sqs("eu-west-1").listQueues();

      assertThat(stack.standIn().count("AssumeRole")).isEqualTo(1);
      assertThat(stack.standIn().count("eu-west-1", "AssumeRole")).isEqualTo(1);

      orders.ssm("ap-southeast-2").describeParameters();
      clients.forAccount(PAYMENTS).ssm("eu-west-1").describeParameters();
      clients.ssm("eu-west-1").describeParameters();

      assertThat(stack.standIn().count("ap-southeast-2", "AssumeRole")).isEqualTo(1);
      assertThat(stack.standIn().count("eu-west-1", "AssumeRole")).isEqualTo(2);
      assertThat(stack.standIn().count("AssumeRole")).isEqualTo(3);
      assertThat(orders.ssm("eu-west-1")).isSameAs(clients.forAccount(ORDERS).ssm("eu-west-1"));
      assertThat(orders.ssm("eu-west-1"))
          .isNotSameAs(clients.forAccount(PAYMENTS).ssm("eu-west-1"))
          .isNotSameAs(clients.ssm("eu-west-1"));
    }
  }

  @Test
  void globalServicesAssumeTheRoleWhereTheirApiIs(AwsStack stack) {
    try (AwsClients clients = EmulatedAws.clients(stack)) {
      clients.forAccount(ORDERS).route53().listHostedZones();

      assertThat(stack.standIn().count(AwsClients.ROUTE53_CREDENTIALS_REGION, "AssumeRole"))
          .isEqualTo(1);

      // The stand-in knows no routing control of that name; the call is made all the same.
      assertThatThrownBy(
          () ->
              clients
                  .forAccount(ORDERS)
                  .arc(
                      URI.create(
                          "https://host-a.route53-recovery-cluster.ca-central-1.amazonaws.com/v1"),
                      "ca-central-1")
                  .getRoutingControlState(
                      b ->
                          b.routingControlArn("arn:aws:route53-recovery-control::111111111111:x")));

      assertThat(stack.standIn().count("ca-central-1", "AssumeRole")).isEqualTo(1);
      assertThat(stack.standIn().count("AssumeRole")).isEqualTo(2);
    }
  }

  @Test
  void assumedRoleCallsAreSignedWithTheRolesKeysNotTheWorkers(
      AwsStack stack, EmulatorClients emulator) {
    try (AwsClients clients = EmulatedAws.clients(stack)) {
      clients.forAccount(ORDERS).ssm("eu-west-1").describeParameters();
      clients.forAccount(PAYMENTS).ssm("eu-west-1").describeParameters();

      Set<String> ssmKeys =
          stack.standIn().recordedOperations().stream()
              .filter(o -> o.action().equals("ssm:DescribeParameters"))
              .map(RecordedOperation::accessKey)
              .collect(Collectors.toSet());
      Set<String> stsKeys =
          stack.standIn().recordedOperations().stream()
              .filter(o -> o.action().equals("sts:AssumeRole"))
              .map(RecordedOperation::accessKey)
              .collect(Collectors.toSet());

      assertThat(ssmKeys).hasSize(2).doesNotContain(EmulatorClients.CREDENTIAL);
      assertThat(stsKeys).containsExactly(EmulatorClients.CREDENTIAL);
    }
  }

  @Test
  void stsIsReachedAtTheRegionalEndpointEvenWhereTheSdkWouldGoGlobal(AwsStack stack) {
    StsEndpointParams legacy =
        StsEndpointParams.builder().region(Region.US_EAST_1).useGlobalEndpoint(true).build();

    assertThat(StsEndpointProvider.defaultProvider().resolveEndpoint(legacy).join().url())
        .isEqualTo(URI.create("https://sts.amazonaws.com"));
    assertThat(AwsClients.REGIONAL_STS.resolveEndpoint(legacy).join().url())
        .isEqualTo(URI.create("https://sts.us-east-1.amazonaws.com"));
    try (AwsClients clients = EmulatedAws.clients(stack)) {
      assertThat(clients.sts("eu-west-1").serviceClientConfiguration().region())
          .isEqualTo(Region.EU_WEST_1);
      assertThat(clients.sts("eu-west-1").serviceClientConfiguration().endpointProvider())
          .containsSame(AwsClients.REGIONAL_STS);
    }
  }

  @Test
  void viewsCloseNothingAndTheRootClosesThemAll(AwsStack stack) {
    AwsClients clients = EmulatedAws.clients(stack);
    AwsClients orders = clients.forAccount(ORDERS);
    orders.ssm("eu-west-1").describeParameters();

    orders.close();
    orders.ssm("eu-west-1").describeParameters();
    clients.close();

    assertThatThrownBy(() -> orders.ssm("eu-west-1"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }
}
