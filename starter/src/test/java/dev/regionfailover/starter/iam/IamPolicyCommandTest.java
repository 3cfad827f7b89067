package dev.regionfailover.starter.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regionfailover.starter.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IamPolicyCommandTest {

  private static final Path EXAMPLE = CloudFormationTemplateTest.EXAMPLE_ESTATE;

  @TempDir Path dir;

  @Test
  void printsTheExampleEstatesPolicyScopedToItsOwnResources() throws IOException {
    Run run = Run.of(Run.NO_TEMPORAL, "iam-policy", EXAMPLE.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.err()).isEmpty();
    JsonNode policy = new ObjectMapper().readTree(run.out());
    assertThat(policy.get("Version").asText()).isEqualTo("2012-10-17");
    assertThat(resources(policy, "AuthorityLedger"))
        .containsExactly(
            "arn:aws:dynamodb:us-east-1:123456789012:table/failover-authority",
            "arn:aws:dynamodb:us-west-2:123456789012:table/failover-authority");
    assertThat(resources(policy, "PinsTableAndIndex"))
        .contains(
            "arn:aws:dynamodb:us-east-1:123456789012:table/orders-tenants/index/homeRegion-index");
    assertThat(resources(policy, "WritesEnabledFlags"))
        .containsExactly(
            "arn:aws:ssm:us-east-1:123456789012:parameter/orders/us-east-1/writes-enabled",
            "arn:aws:ssm:us-west-2:123456789012:parameter/orders/us-west-2/writes-enabled");
    assertThat(resources(policy, "AuroraGlobalCluster"))
        .containsExactly(
            "arn:aws:rds::123456789012:global-cluster:orders-global",
            "arn:aws:rds:us-east-1:123456789012:cluster:orders-use1",
            "arn:aws:rds:us-west-2:123456789012:cluster:orders-usw2");
    assertThat(resources(policy, "EcsServices"))
        .containsExactly(
            "arn:aws:ecs:us-east-1:123456789012:service/orders-use1/order-worker",
            "arn:aws:ecs:us-west-2:123456789012:service/orders-usw2/order-worker");
    // Simple routing inverts no health checks, so the estate needs no right to change them.
    assertThat(sids(policy)).doesNotContain("FailoverRoutingHealthChecks");
    for (JsonNode statement : policy.get("Statement")) {
      if (resources(statement).contains("*")) {
        assertThat(statement.get("Sid").asText()).endsWith("NoResourceLevelPermissions");
      }
    }
  }

  @Test
  void accountIdOptionRenamesTheAccount() throws IOException {
    Run run = Run.of(Run.NO_TEMPORAL, "iam-policy", EXAMPLE.toString(), "--account-id", "*");

    assertThat(run.exitCode()).isZero();
    assertThat(resources(new ObjectMapper().readTree(run.out()), "AuthorityLedger"))
        .containsExactly(
            "arn:aws:dynamodb:us-east-1:*:table/failover-authority",
            "arn:aws:dynamodb:us-west-2:*:table/failover-authority");
  }

  @Test
  void warnsWhenThePolicyIsTooLargeForOneRole() throws IOException {
    String alarms =
        String.join(", ", IntStream.range(0, 300).mapToObj(i -> "orders-alarm-" + i).toList());
    Path large = dir.resolve("orders.yaml");
    Files.writeString(
        large,
        Files.readString(EXAMPLE)
            .replace(
                "us-east-1: [orders-5xx-use1, orders-latency-use1]",
                "us-east-1: [" + alarms + "]"));

    Run run = Run.of(Run.NO_TEMPORAL, "iam-policy", large.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(new ObjectMapper().readTree(run.out()).get("Statement")).isNotEmpty();
    assertThat(run.err())
        .startsWith("warning: this policy has ")
        .contains("more than the 10,240 IAM allows in the inline policies of one role");
  }

  @Test
  void directoryWithAppPrintsThatEstatesPolicy() {
    Run fromFile = Run.of(Run.NO_TEMPORAL, "iam-policy", EXAMPLE.toString());
    Run fromDirectory =
        Run.of(Run.NO_TEMPORAL, "iam-policy", EXAMPLE.getParent().toString(), "--app", "orders");

    assertThat(fromDirectory.exitCode()).isZero();
    assertThat(fromDirectory.out()).isEqualTo(fromFile.out());
  }

  @Test
  void operatorErrorsSayWhatIsWrong() throws IOException {
    Run missing = Run.of(Run.NO_TEMPORAL, "iam-policy", dir.resolve("nope.yaml").toString());
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err())
        .isEqualTo("error: estate file " + dir.resolve("nope.yaml") + " does not exist\n");

    Run noApp = Run.of(Run.NO_TEMPORAL, "iam-policy", EXAMPLE.getParent().toString());
    assertThat(noApp.exitCode()).isEqualTo(2);
    assertThat(noApp.err()).contains("is a directory: name the app with --app");

    Run unknownApp =
        Run.of(Run.NO_TEMPORAL, "iam-policy", EXAMPLE.getParent().toString(), "--app", "pay");
    assertThat(unknownApp.exitCode()).isEqualTo(1);
    assertThat(unknownApp.err()).contains("no estate of app pay in").contains("[orders]");

    Run badAccount =
        Run.of(Run.NO_TEMPORAL, "iam-policy", EXAMPLE.toString(), "--account-id", "12345");
    assertThat(badAccount.exitCode()).isEqualTo(2);
    assertThat(badAccount.err())
        .contains("--account-id: 12345 is not an AWS account id (12 digits) or *");

    Path twoAccounts = dir.resolve("orders.yaml");
    Files.writeString(
        twoAccounts,
        Files.readString(EXAMPLE)
            .replace(
                "arn:aws:rds:us-west-2:123456789012:cluster:orders-usw2",
                "arn:aws:rds:us-west-2:210987654321:cluster:orders-usw2"));
    Run ambiguous = Run.of(Run.NO_TEMPORAL, "iam-policy", twoAccounts.toString());
    assertThat(ambiguous.exitCode()).isEqualTo(1);
    assertThat(ambiguous.err())
        .contains("name several accounts [123456789012, 210987654321]")
        .contains("--account-id");

    Path invalid = dir.resolve("broken.yaml");
    Files.writeString(invalid, Files.readString(EXAMPLE).replace("approvals:", "approval:"));
    Run broken = Run.of(Run.NO_TEMPORAL, "iam-policy", invalid.toString());
    assertThat(broken.exitCode()).isEqualTo(1);
    assertThat(broken.err())
        .contains("approvals: missing")
        .contains("check it with ./failover validate " + invalid);
  }

  private static List<String> sids(JsonNode policy) {
    List<String> sids = new ArrayList<>();
    policy.get("Statement").forEach(statement -> sids.add(statement.get("Sid").asText()));
    return sids;
  }

  /** The resources of the statement {@code sid} of {@code policy}. */
  static List<String> resources(JsonNode policy, String sid) {
    for (JsonNode statement : policy.get("Statement")) {
      if (statement.get("Sid").asText().equals(sid)) {
        return resources(statement);
      }
    }
    throw new AssertionError("no statement " + sid + " in " + policy);
  }

  /** The resources of one statement. */
  static List<String> resources(JsonNode statement) {
    List<String> resources = new ArrayList<>();
    statement.get("Resource").forEach(resource -> resources.add(resource.asText()));
    return resources;
  }
}
