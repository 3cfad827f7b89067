package dev.regionfailover.starter.iam;

import static dev.regionfailover.starter.iam.IamPolicyCommandTest.resources;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regionfailover.starter.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code iam-policy} for apps that live in AWS accounts of their own. */
class AppAccountIamPolicyTest {

  private static final Path EXAMPLE = CloudFormationTemplateTest.EXAMPLE_ESTATE;
  private static final String ORDERS_ROLE = "arn:aws:iam::111111111111:role/orders-failover";
  private static final String PAYMENTS_ROLE = "arn:aws:iam::222222222222:role/payments-failover";
  private static final String WORKER = "arn:aws:iam::999999999999:role/region-failover-worker";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private Path orders;

  @BeforeEach
  void writeEstates() throws IOException {
    String example = Files.readString(EXAMPLE);
    orders = dir.resolve("orders.yaml");
    Files.writeString(
        orders,
        example.replace("123456789012", "111111111111")
            + "\naws:\n  roleArn: "
            + ORDERS_ROLE
            + "\n  externalId: orders-7f3a\n");
    Files.writeString(
        dir.resolve("payments.yaml"),
        example.replace("orders", "payments").replace("123456789012", "222222222222")
            + "\naws:\n  roleArn: "
            + PAYMENTS_ROLE
            + "\n");
  }

  @Test
  void theTrustPolicyLetsTheWorkerAssumeTheRoleWithTheExternalId() throws IOException {
    Run run =
        Run.of(
            Run.NO_TEMPORAL,
            "iam-policy",
            orders.toString(),
            "--trust-policy",
            "--worker-principal",
            WORKER);

    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isZero();
    JsonNode statement = JSON.readTree(run.out()).get("Statement").get(0);
    assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
    assertThat(statement.get("Principal").get("AWS").asText()).isEqualTo(WORKER);
    assertThat(statement.get("Action").asText()).isEqualTo("sts:AssumeRole");
    assertThat(statement.get("Condition").get("StringEquals").get("sts:ExternalId").asText())
        .isEqualTo("orders-7f3a");
  }

  @Test
  void withoutAnExternalIdTheTrustPolicyHasNoCondition() throws IOException {
    Run run =
        Run.of(
            Run.NO_TEMPORAL,
            "iam-policy",
            dir.toString(),
            "--app",
            "payments",
            "--trust-policy",
            "--worker-principal",
            WORKER);

    assertThat(run.exitCode()).isZero();
    JsonNode statement = JSON.readTree(run.out()).get("Statement").get(0);
    assertThat(statement.get("Principal").get("AWS").asText()).isEqualTo(WORKER);
    assertThat(statement.has("Condition")).isFalse();
  }

  @Test
  void theRolesPermissionsAreScopedToItsOwnAccount() throws IOException {
    Run run = Run.of(Run.NO_TEMPORAL, "iam-policy", orders.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(resources(JSON.readTree(run.out()), "AuthorityLedger"))
        .containsExactly(
            "arn:aws:dynamodb:us-east-1:111111111111:table/failover-authority",
            "arn:aws:dynamodb:us-west-2:111111111111:table/failover-authority");
  }

  @Test
  void theWorkerMayAssumeTheRoleOfEveryEstateOfADirectory() throws IOException {
    Run all = Run.of(Run.NO_TEMPORAL, "iam-policy", dir.toString(), "--assume-policy");
    Run one =
        Run.of(Run.NO_TEMPORAL, "iam-policy", dir.toString(), "--app", "orders", "--assume-policy");

    assertThat(all.exitCode()).isZero();
    JsonNode statement = JSON.readTree(all.out()).get("Statement").get(0);
    assertThat(statement.get("Action").get(0).asText()).isEqualTo("sts:AssumeRole");
    assertThat(resources(statement)).containsExactly(ORDERS_ROLE, PAYMENTS_ROLE);
    assertThat(resources(JSON.readTree(one.out()).get("Statement").get(0)))
        .containsExactly(ORDERS_ROLE);
  }

  @Test
  void operatorErrorsSayWhatIsWrong() throws IOException {
    Run noPrincipal = Run.of(Run.NO_TEMPORAL, "iam-policy", orders.toString(), "--trust-policy");
    assertThat(noPrincipal.exitCode()).isEqualTo(2);
    assertThat(noPrincipal.err()).contains("--trust-policy needs --worker-principal ARN");

    Run session =
        Run.of(
            Run.NO_TEMPORAL,
            "iam-policy",
            orders.toString(),
            "--trust-policy",
            "--worker-principal",
            "arn:aws:sts::999999999999:assumed-role/region-failover-worker/i-0abc");
    assertThat(session.exitCode()).isEqualTo(2);
    assertThat(session.err())
        .contains("is not an IAM role, user or account root ARN")
        .contains("arn:aws:iam::ACCOUNT:role/ROLE");

    Run principalAlone =
        Run.of(Run.NO_TEMPORAL, "iam-policy", orders.toString(), "--worker-principal", WORKER);
    assertThat(principalAlone.exitCode()).isEqualTo(2);
    assertThat(principalAlone.err()).contains("--worker-principal is for --trust-policy");

    Run both =
        Run.of(
            Run.NO_TEMPORAL, "iam-policy", orders.toString(), "--trust-policy", "--assume-policy");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("give one of them");

    Run noRole =
        Run.of(
            Run.NO_TEMPORAL,
            "iam-policy",
            EXAMPLE.toString(),
            "--trust-policy",
            "--worker-principal",
            WORKER);
    assertThat(noRole.exitCode()).isEqualTo(1);
    assertThat(noRole.err()).contains("names no role (aws.roleArn)");

    Run nothingToAssume =
        Run.of(Run.NO_TEMPORAL, "iam-policy", EXAMPLE.getParent().toString(), "--assume-policy");
    assertThat(nothingToAssume.exitCode()).isEqualTo(1);
    assertThat(nothingToAssume.err()).contains("needs no sts:AssumeRole");

    Path elsewhere = dir.resolve("elsewhere.yaml");
    Files.writeString(
        elsewhere, Files.readString(EXAMPLE) + "\naws:\n  roleArn: " + ORDERS_ROLE + "\n");
    Run mismatch = Run.of(Run.NO_TEMPORAL, "iam-policy", elsewhere.toString());
    assertThat(mismatch.exitCode()).isEqualTo(1);
    assertThat(mismatch.err())
        .contains("name accounts [123456789012], but its role " + ORDERS_ROLE)
        .contains("is in account 111111111111");
  }
}
