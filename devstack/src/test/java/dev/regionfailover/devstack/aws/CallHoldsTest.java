package dev.regionfailover.devstack.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

/**
 * Holds requests in the stand-in the way the crash tests do, with one raw signed-looking request at
 * a time (no SDK retries), and checks what AWS (moto, read directly) saw while and after each was
 * held.
 */
@ExtendWith(AwsStackExtension.class)
class CallHoldsTest {

  private static final String REGION = "us-west-2";
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final AwsStack aws;
  private final AwsStandIn standIn;
  private final EmulatorClients moto;
  private final HttpClient http = HttpClient.newHttpClient();

  CallHoldsTest(AwsStack aws) {
    this.aws = aws;
    this.standIn = aws.standIn();
    this.moto = new EmulatorClients(aws.moto().endpoint());
  }

  @AfterEach
  void close() {
    moto.close();
  }

  @Test
  void aRequestHeldBeforeAwsNeverReachesItAndItsCallerLosesTheConnection() throws Exception {
    CallHold hold = standIn.holds().arm(REGION, "PutParameter", 1, CallHold.Moment.BEFORE_AWS);

    CompletableFuture<HttpResponse<String>> call = putParameter("/held/before", "v1");
    assertThat(hold.awaitHeld(WAIT)).isTrue();
    assertThat(parameterInMoto("/held/before")).as("AWS while held").isNull();
    assertThat(call).isNotDone();
    hold.release();

    assertThat(failure(call)).isInstanceOf(IOException.class);
    assertThat(parameterInMoto("/held/before")).as("AWS after the release").isNull();
    assertThat(standIn.count(REGION, "PutParameter")).isZero();
    assertThat(standIn.rejected(REGION, "PutParameter")).isEqualTo(1);
  }

  @Test
  void aRequestHeldAfterAwsHadItsEffectAndItsAnswerWaitsForTheRelease() throws Exception {
    CallHold hold = standIn.holds().arm(REGION, "PutParameter", 1, CallHold.Moment.AFTER_AWS);

    CompletableFuture<HttpResponse<String>> call = putParameter("/held/after", "v1");
    assertThat(hold.awaitHeld(WAIT)).isTrue();
    assertThat(parameterInMoto("/held/after")).as("AWS while held").isEqualTo("v1");
    assertThat(call).isNotDone();
    hold.release();

    assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(standIn.count(REGION, "PutParameter")).isEqualTo(1);
  }

  @Test
  void aHoldClaimsTheNthMatchingRequestOfItsRegionAndPassesTheOthers() throws Exception {
    List<CallHolds.ServedCall> seen = new CopyOnWriteArrayList<>();
    standIn.holds().observe(seen::add);
    CallHold hold = standIn.holds().arm(REGION, "PutParameter", 2, CallHold.Moment.BEFORE_AWS);

    assertThat(putParameter("/first", "v1").get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(putParameter("us-east-1", "/elsewhere", "v1").get(10, TimeUnit.SECONDS).statusCode())
        .isEqualTo(200);
    assertThat(hold.held()).isFalse();
    CompletableFuture<HttpResponse<String>> second = putParameter("/second", "v1");
    assertThat(hold.awaitHeld(WAIT)).isTrue();
    hold.release();
    assertThat(failure(second)).isInstanceOf(IOException.class);

    assertThat(parameterInMoto("/first")).isEqualTo("v1");
    assertThat(parameterInMoto("/second")).isNull();
    assertThat(seen)
        .as("the dropped request was not served")
        .containsExactly(
            new CallHolds.ServedCall(REGION, "PutParameter"),
            new CallHolds.ServedCall("us-east-1", "PutParameter"));
  }

  @Test
  void aHoldOfAnyRegionClaimsTheOperationInEveryRegion() throws Exception {
    CallHold hold =
        standIn.holds().arm(CallHold.ANY_REGION, "PutParameter", 1, CallHold.Moment.AFTER_AWS);

    CompletableFuture<HttpResponse<String>> call = putParameter("us-east-1", "/anywhere", "v1");
    assertThat(hold.awaitHeld(WAIT)).isTrue();
    hold.release();

    assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  @Test
  void aResetReleasesAHeldRequest() throws Exception {
    CallHold hold = standIn.holds().arm(REGION, "PutParameter", 1, CallHold.Moment.AFTER_AWS);
    CompletableFuture<HttpResponse<String>> call = putParameter("/reset", "v1");
    assertThat(hold.awaitHeld(WAIT)).isTrue();

    aws.reset();

    assertThat(call.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
  }

  private CompletableFuture<HttpResponse<String>> putParameter(String name, String value) {
    return putParameter(REGION, name, value);
  }

  /** SSM's PutParameter as the SDK sends it; moto does not check the signature. */
  private CompletableFuture<HttpResponse<String>> putParameter(
      String region, String name, String value) {
    HttpRequest request =
        HttpRequest.newBuilder(standIn.endpoint())
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-amz-json-1.1")
            .header("X-Amz-Target", "AmazonSSM.PutParameter")
            .header(
                "Authorization",
                "AWS4-HMAC-SHA256 Credential=testing/20260101/"
                    + region
                    + "/ssm/aws4_request, SignedHeaders=host, Signature=0")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"Name\":\"" + name + "\",\"Value\":\"" + value + "\",\"Type\":\"String\"}"))
            .build();
    return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  private String parameterInMoto(String name) {
    try {
      return moto.ssm(REGION).getParameter(b -> b.name(name)).parameter().value();
    } catch (ParameterNotFoundException e) {
      return null;
    }
  }

  private static Throwable failure(CompletableFuture<?> call) throws InterruptedException {
    try {
      call.get(10, TimeUnit.SECONDS);
      throw new AssertionError("the call succeeded");
    } catch (ExecutionException e) {
      return e.getCause();
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the call did not end", e);
    }
  }
}
