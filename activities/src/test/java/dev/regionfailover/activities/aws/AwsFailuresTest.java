package dev.regionfailover.activities.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import io.temporal.failure.ApplicationFailure;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

@ExtendWith(AwsStackExtension.class)
class AwsFailuresTest {

  @Test
  void missingResourceIsNonRetryableAndNamesResourceRegionAndAwsAnswer(AwsStack stack) {
    try (AwsClients clients = EmulatedAws.clients(stack)) {
      Throwable thrown =
          catchThrowable(
              () ->
                  AwsFailures.call(
                      "DescribeTable",
                      "table failover-authority",
                      "us-west-2",
                      () ->
                          clients
                              .dynamo("us-west-2")
                              .describeTable(b -> b.tableName("failover-authority"))));

      assertThat(thrown).isInstanceOf(ApplicationFailure.class);
      ApplicationFailure failure = (ApplicationFailure) thrown;
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getType()).isEqualTo("ResourceNotFoundException");
      assertThat(failure.getOriginalMessage())
          .startsWith("DescribeTable on table failover-authority in us-west-2 failed: ")
          .contains("ResourceNotFoundException")
          .contains("HTTP 400");
    }
  }

  @Test
  void unreachableEndpointIsRethrownForTemporalToRetry(AwsStack stack) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    AwsSettings emulated = EmulatedAws.settings(stack);
    AwsSettings unreachable =
        new AwsSettings(
            Optional.of(URI.create("http://127.0.0.1:" + closedPort)),
            emulated.credentials(),
            Duration.ofSeconds(5),
            Duration.ofSeconds(2),
            2);
    try (AwsClients clients = new AwsClients(unreachable)) {
      Throwable thrown =
          catchThrowable(
              () ->
                  AwsFailures.call(
                      "GetParameter",
                      "parameter /orders/us-east-1/writes-enabled",
                      "us-east-1",
                      () ->
                          clients
                              .ssm("us-east-1")
                              .getParameter(b -> b.name("/orders/us-east-1/writes-enabled"))));

      assertThat(thrown).isInstanceOf(SdkClientException.class);
    }
  }

  @Test
  void throttlingAndServerErrorsAreRethrownAndClientErrorsAreNot() {
    SdkException throttled = serviceError(400, "ThrottlingException", "Rate exceeded");
    SdkException tooMany = serviceError(429, "TooManyRequestsException", "Slow down");
    SdkException serverError = serviceError(503, "ServiceUnavailable", "Try later");
    SdkException denied = serviceError(403, "AccessDeniedException", "not authorized");

    assertThat(AwsFailures.translate("PutParameter", "parameter /x", "us-east-1", throttled))
        .isSameAs(throttled);
    assertThat(AwsFailures.translate("PutParameter", "parameter /x", "us-east-1", tooMany))
        .isSameAs(tooMany);
    assertThat(AwsFailures.translate("PutParameter", "parameter /x", "us-east-1", serverError))
        .isSameAs(serverError);
    RuntimeException translated =
        AwsFailures.translate("PutParameter", "parameter /x", "us-east-1", denied);
    assertThat(translated).isInstanceOf(ApplicationFailure.class);
    assertThat(((ApplicationFailure) translated).isNonRetryable()).isTrue();
    assertThat(((ApplicationFailure) translated).getOriginalMessage())
        .isEqualTo(
            "PutParameter on parameter /x in us-east-1 failed: AccessDeniedException: not"
                + " authorized (HTTP 403, request req-1)");
  }

  @Test
  void aRefusedRegionIsUnreachableAndAnErrorAnswerIsNot(AwsStack stack) {
    stack.standIn().faults().refuseRegion("us-east-1");
    try (AwsClients clients = EmulatedAws.clients(stack)) {
      Throwable refused =
          catchThrowable(() -> clients.ssm("us-east-1").getParameter(b -> b.name("/orders/x")));
      Throwable answered =
          catchThrowable(() -> clients.ssm("us-west-2").getParameter(b -> b.name("/orders/x")));

      assertThat(refused).isInstanceOf(SdkClientException.class);
      assertThat(AwsFailures.isUnreachable((SdkException) refused)).isTrue();
      assertThat(answered).isInstanceOf(AwsServiceException.class);
      assertThat(AwsFailures.isUnreachable((SdkException) answered)).isFalse();
      assertThat(AwsFailures.isUnreachable(serviceError(503, "ServiceUnavailable", "Try later")))
          .isFalse();
    }
  }

  @Test
  void aBusyAnswerIsRetryableWhereTheCallerSaysSo(AwsStack stack) {
    try (AwsClients clients = EmulatedAws.clients(stack)) {
      Throwable busy =
          catchThrowable(
              () ->
                  AwsFailures.call(
                      "DescribeTable",
                      "table failover-authority",
                      "us-west-2",
                      Set.of("ResourceNotFoundException"),
                      () ->
                          clients
                              .dynamo("us-west-2")
                              .describeTable(b -> b.tableName("failover-authority"))));
      Throwable notBusy =
          catchThrowable(
              () ->
                  AwsFailures.call(
                      "DescribeTable",
                      "table failover-authority",
                      "us-west-2",
                      Set.of("ResourceInUseException"),
                      () ->
                          clients
                              .dynamo("us-west-2")
                              .describeTable(b -> b.tableName("failover-authority"))));

      assertThat(busy).isInstanceOf(ApplicationFailure.class);
      assertThat(((ApplicationFailure) busy).isNonRetryable()).isFalse();
      assertThat(((ApplicationFailure) busy).getType()).isEqualTo("ResourceNotFoundException");
      assertThat(((ApplicationFailure) busy).getOriginalMessage())
          .startsWith(
              "DescribeTable on table failover-authority in us-west-2 was refused while it is"
                  + " busy; retrying: ResourceNotFoundException");
      assertThat(notBusy).isInstanceOf(ApplicationFailure.class);
      assertThat(((ApplicationFailure) notBusy).isNonRetryable()).isTrue();
    }
  }

  @Test
  void unlessMissingReadsOnlyTheMissingFailureAsNoValue() {
    AwsServiceException missing = serviceError(400, "ResourceNotFoundException", "no table");
    AwsServiceException refused = serviceError(400, "AccessDeniedException", "denied");

    assertThat(AwsFailures.unlessMissing(e -> e == missing, () -> "found")).contains("found");
    assertThat(AwsFailures.unlessMissing(e -> e == missing, () -> null)).isEmpty();
    assertThat(
            AwsFailures.unlessMissing(
                e -> e == missing,
                () -> {
                  throw missing;
                }))
        .isEmpty();
    assertThat(
            catchThrowable(
                () ->
                    AwsFailures.unlessMissing(
                        e -> e == missing,
                        () -> {
                          throw refused;
                        })))
        .isSameAs(refused);
  }

  private static AwsServiceException serviceError(int status, String code, String message) {
    return AwsServiceException.builder()
        .statusCode(status)
        .requestId("req-1")
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .build();
  }
}
