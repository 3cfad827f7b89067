package dev.regionfailover.starter.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PolicyEvaluatorTest {

  private static final String TABLE = "arn:aws:dynamodb:us-east-1:123456789012:table/ledger";

  @Test
  void allowsOnlyTheNamedActionOnTheNamedResource() {
    PolicyEvaluator policy =
        PolicyEvaluator.of(
            """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow", "Action": "dynamodb:GetItem", "Resource": "%s"}]}
            """
                .formatted(TABLE));

    assertThat(policy.allows("dynamodb:GetItem", TABLE)).isTrue();
    assertThat(policy.allows("dynamodb:PutItem", TABLE)).isFalse();
    assertThat(policy.allows("dynamodb:GetItem", TABLE + "-copy")).isFalse();
    assertThat(policy.allows("dynamodb:GetItem", TABLE.replace("us-east-1", "us-west-2")))
        .isFalse();
  }

  @Test
  void actionsMatchCaseInsensitivelyAndResourcesCaseSensitively() {
    PolicyEvaluator policy =
        PolicyEvaluator.of(
            """
            {"Statement": [{"Effect": "Allow", "Action": ["DynamoDB:getitem"],
              "Resource": ["%s"]}]}
            """
                .formatted(TABLE));

    assertThat(policy.allows("dynamodb:GetItem", TABLE)).isTrue();
    assertThat(policy.allows("dynamodb:GetItem", TABLE.replace("ledger", "Ledger"))).isFalse();
  }

  @Test
  void wildcardsSpanAnyCharactersIncludingColonsAndSlashes() {
    PolicyEvaluator policy =
        PolicyEvaluator.of(
            """
            {"Statement": [
              {"Effect": "Allow", "Action": "ssm:Get*",
               "Resource": "arn:aws:ssm:*:123456789012:parameter/orders/*"},
              {"Effect": "Allow", "Action": "route53:GetChange",
               "Resource": "arn:aws:route53:::change/C?"}]}
            """);

    assertThat(
            policy.allows(
                "ssm:GetParameter", "arn:aws:ssm:us-west-2:123456789012:parameter/orders/a/b"))
        .isTrue();
    assertThat(
            policy.allows(
                "ssm:PutParameter", "arn:aws:ssm:us-west-2:123456789012:parameter/orders/a"))
        .isFalse();
    assertThat(
            policy.allows(
                "ssm:GetParameter", "arn:aws:ssm:us-west-2:999999999999:parameter/orders/a"))
        .isFalse();
    assertThat(policy.allows("route53:GetChange", "arn:aws:route53:::change/C1")).isTrue();
    assertThat(policy.allows("route53:GetChange", "arn:aws:route53:::change/C12")).isFalse();
  }

  @Test
  void regexCharactersInArnsAreLiteral() {
    PolicyEvaluator policy =
        PolicyEvaluator.of(
            """
            {"Statement": [{"Effect": "Allow", "Action": "sqs:SendMessage",
              "Resource": "arn:aws:sqs:us-east-1:123456789012:orders.fifo"}]}
            """);

    assertThat(policy.allows("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:orders.fifo"))
        .isTrue();
    assertThat(policy.allows("sqs:SendMessage", "arn:aws:sqs:us-east-1:123456789012:ordersXfifo"))
        .isFalse();
  }

  @Test
  void explicitDenyWinsOverAllow() {
    PolicyEvaluator policy =
        PolicyEvaluator.of(
            """
            {"Statement": [
              {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"},
              {"Effect": "Deny", "Action": "dynamodb:DeleteTable", "Resource": "%s"}]}
            """
                .formatted(TABLE));

    assertThat(policy.allows("dynamodb:Scan", TABLE)).isTrue();
    assertThat(policy.allows("dynamodb:DeleteTable", TABLE)).isFalse();
  }

  @Test
  void aStatementWithAConditionAllowsNothing() {
    PolicyEvaluator policy =
        PolicyEvaluator.of(
            """
            {"Statement": [{"Effect": "Allow", "Action": "iam:PassRole", "Resource": "*",
              "Condition": {"StringEquals": {"iam:PassedToService": "scheduler.amazonaws.com"}}}]}
            """);

    assertThat(policy.allows("iam:PassRole", "arn:aws:iam::123456789012:role/r")).isFalse();
  }

  @Test
  void refusesWhatItDoesNotEvaluate() {
    assertThatThrownBy(
            () ->
                PolicyEvaluator.of(
                    """
                    {"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"}]}
                    """))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Statement[0]: NotAction is not supported");
    assertThatThrownBy(
            () ->
                PolicyEvaluator.of(
                    """
                    {"Statement": [{"Effect": "Allow", "Action": "s3:GetObject"}]}
                    """))
        .hasMessage("Statement[0]: Resource is missing");
    assertThatThrownBy(
            () ->
                PolicyEvaluator.of(
                    """
                    {"Statement": [{"Effect": "Maybe", "Action": "s3:*", "Resource": "*"}]}
                    """))
        .hasMessage("Statement[0]: Effect must be Allow or Deny, not Maybe");
    assertThatThrownBy(() -> PolicyEvaluator.of("{\"Version\": \"2012-10-17\"}"))
        .hasMessage("the policy has no Statement");
    assertThatThrownBy(() -> PolicyEvaluator.of("not json"))
        .hasMessageStartingWith("the policy is not JSON");
  }
}
