package dev.regionfailover.workflows.input;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regionfailover.workflows.detection.MonitorRequest;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.reconcile.ReconcileRequest;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import org.junit.jupiter.api.Test;

/** Decoding through the SDK's own data converter, as a worker decodes what a client sent. */
class StrictRecordDeserializerTest {

  private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;

  @Test
  void aValidInputDecodesIgnoringUnknownKeysAndNulls() {
    FailoverRequest request =
        decode(
            "{\"app\":\"orders\",\"targetRegion\":\"us-west-2\",\"mode\":null,"
                + "\"ticket\":{\"id\":42},\"requestedBy\":\"carol\"}",
            FailoverRequest.class);

    assertThat(request)
        .isEqualTo(new FailoverRequest("orders", "us-west-2", (String) null, null, "carol"));
  }

  @Test
  void everyFieldOfTheWrongTypeIsNamedAtOnce() {
    assertThatThrownBy(
            () ->
                decode(
                    "{\"app\":\"orders\",\"oldRegion\":[\"us-east-1\"],"
                        + "\"windowStartMillis\":\"yesterday\",\"requestedBy\":true}",
                    ReconcileRequest.class))
        .isInstanceOf(InvalidWorkflowInput.class)
        .hasMessage(
            "invalid input: \"oldRegion\" must be a string, not an array [\"us-east-1\"];"
                + " \"windowStartMillis\" must be a whole number, not a string \"yesterday\";"
                + " \"requestedBy\" must be a string, not a boolean true");
  }

  @Test
  void aNestedRecordThatDoesNotDecodeIsNamed() {
    assertThatThrownBy(
            () ->
                decode(
                    "{\"app\":\"orders\",\"carried\":{\"paused\":\"very\"}}", MonitorRequest.class))
        .isInstanceOf(InvalidWorkflowInput.class)
        .hasMessageStartingWith("invalid input: \"carried\" does not decode: ");
    assertThatThrownBy(() -> decode("{\"app\":\"orders\",\"carried\":7}", MonitorRequest.class))
        .hasMessage("invalid input: \"carried\" must be an object (MonitorState), not a number 7");
  }

  @Test
  void aSignalPayloadCarriesItsProblemInsteadOfFailing() {
    assertThat(decode("\"alice\"", ApprovalSignal.class))
        .isEqualTo(
            new ApprovalSignal(
                null,
                null,
                "the payload must be a JSON object with the fields [approver, comment, identity], not a"
                    + " string \"alice\""));
    assertThat(decode("{\"approver\":\"alice\",\"comment\":3}", ApprovalSignal.class))
        .isEqualTo(
            new ApprovalSignal(
                "alice", null, "invalid payload: \"comment\" must be a string, not a number 3"));
  }

  @Test
  void aSignalRoundTripsWithoutItsProblemComponent() {
    Payload payload = CONVERTER.toPayload(new ApprovalSignal("alice", "ok")).orElseThrow();

    assertThat(payload.getData().toStringUtf8())
        .isEqualTo("{\"approver\":\"alice\",\"comment\":\"ok\"}");
    assertThat(
            decode(
                "{\"approver\":\"alice\",\"comment\":\"ok\",\"payloadProblem\":\"forged\"}",
                ApprovalSignal.class))
        .isEqualTo(new ApprovalSignal("alice", "ok"));
  }

  @Test
  void anApprovalsIdentityDecodesAsARecordAndAWrongTypeIsNamed() {
    ApprovalSignal signed =
        decode(
            "{\"approver\":\"alice\",\"identity\":{\"method\":\"POST\","
                + "\"url\":\"https://sts.us-east-1.amazonaws.com/\","
                + "\"headers\":{\"X-Amz-Date\":\"20261204T150000Z\"},\"body\":\"b\"}}",
            ApprovalSignal.class);

    assertThat(signed.payloadProblem()).isNull();
    assertThat(signed.identity().url()).isEqualTo("https://sts.us-east-1.amazonaws.com/");
    assertThat(signed.identity().header("x-amz-date")).isEqualTo("20261204T150000Z");
    assertThat(decode("{\"approver\":\"alice\",\"identity\":\"x\"}", ApprovalSignal.class))
        .isEqualTo(
            new ApprovalSignal(
                "alice",
                null,
                "invalid payload: \"identity\" must be an object (SignedCallerIdentity), not a"
                    + " string \"x\""));
  }

  private static <T> T decode(String json, Class<T> type) {
    return CONVERTER.fromPayload(RawJson.of(json).getPayload(), type, type);
  }
}
