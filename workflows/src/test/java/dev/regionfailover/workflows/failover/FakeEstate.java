package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shipped example estate, read from deploy/ so the tests and the example cannot drift apart.
 */
final class FakeEstate {

  static final Path EXAMPLE = Path.of("..", "deploy", "estates", "orders.yaml");

  private FakeEstate() {}

  static final String ALICE = "arn:aws:iam::123456789012:user/alice";
  static final String BOB = "arn:aws:iam::123456789012:user/bob";

  static Estate orders() {
    return parse(text());
  }

  /** The example estate with verified approvers: alice and bob, each an IAM user. */
  static Estate verifiedOrders() {
    String text = text();
    String approvers = "  approvers: [alice, bob]\n";
    if (!text.contains(approvers)) {
      throw new IllegalStateException("the example estate no longer lists " + approvers);
    }
    return parse(
        text.replace(
            approvers,
            approvers
                + "  verified:\n    principals:\n      alice: "
                + ALICE
                + "\n      bob: "
                + BOB
                + "\n"));
  }

  /**
   * The example estate, living in the AWS account of {@code roleArn}, with the role's external id
   * when {@code externalId} is not null.
   */
  static Estate inAccount(String roleArn, String externalId) {
    return parse(
        text()
            + "\naws:\n  roleArn: "
            + roleArn
            + "\n"
            + (externalId == null ? "" : "  externalId: " + externalId + "\n"));
  }

  /** The example estate in another AWS account, reached through {@code roleArn}. */
  static Estate inAccount(String roleArn) {
    return inAccount(roleArn, null);
  }

  private static String text() {
    try {
      return Files.readString(EXAMPLE);
    } catch (Exception e) {
      throw new IllegalStateException("the example estate must be readable", e);
    }
  }

  private static Estate parse(String text) {
    try {
      return EstateParser.parse(text, EXAMPLE.toString());
    } catch (Exception e) {
      throw new IllegalStateException("the example estate must be valid", e);
    }
  }
}
