package dev.regionfailover.workflows.rehearsal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation of what operators and schedules send, with the defaults it fills in. */
class RehearsalPlanTest {

  @Test
  void theDocumentedJsonInputReadsAndValidates() {
    String json =
        "{\"app\":\"orders\",\"targetRegion\":\"us-west-2\",\"holdFor\":\"PT10M\","
            + "\"rotate\":false,\"requestedBy\":\"carol\",\"color\":\"ignored\"}";
    RehearsalRequest request =
        DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
            Payload.newBuilder()
                .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
                .setData(ByteString.copyFrom(json, StandardCharsets.UTF_8))
                .build(),
            RehearsalRequest.class,
            RehearsalRequest.class);

    RehearsalPlan plan = RehearsalPlan.from(request);

    assertThat(plan)
        .isEqualTo(
            new RehearsalPlan(
                "orders",
                "us-west-2",
                Duration.ofMinutes(10),
                RehearsalPlan.DEFAULT_CHECK_EVERY,
                false,
                "",
                "carol"));
  }

  @Test
  void returnAfterFalseMeansRotateAndDefaultsFillIn() {
    RehearsalPlan plan =
        RehearsalPlan.from(
            new RehearsalRequest(
                "orders", "us-west-2", "PT1H", "PT90S", false, null, " ", "carol"));

    assertThat(plan.rotate()).isTrue();
    assertThat(plan.checkEvery()).isEqualTo(Duration.ofSeconds(90));
    assertThat(plan.reason()).isEmpty();
    assertThat(
            RehearsalPlan.from(RehearsalRequest.of("orders", "us-west-2", "PT1H", false, "a"))
                .rotate())
        .isFalse();
  }

  @Test
  void aBlankRequesterIsRefused() {
    assertThat(
            problems(
                new RehearsalRequest("orders", "us-west-2", "PT1H", null, null, null, null, " ")))
        .containsExactly("\"requestedBy\" is missing; name who asks for the rehearsal");
  }

  @Test
  void everyProblemIsNamedAtOnce() {
    InvalidRehearsalRequest invalid =
        catchThrowableOfType(
            () ->
                RehearsalPlan.from(
                    new RehearsalRequest("Orders!", null, "-PT5M", "soon", null, null, null, null)),
            InvalidRehearsalRequest.class);

    assertThat(invalid.problems())
        .containsExactly(
            "\"app\" is Orders!, not an app name (lower-case letters, digits and dashes, as in the"
                + " estate)",
            "\"targetRegion\" is missing",
            "\"holdFor\" is -PT5M but must be positive",
            "\"checkEvery\" is soon, not an ISO-8601 duration such as PT10M, PT90S or PT1H30M",
            "\"requestedBy\" is missing; name who asks for the rehearsal");
    assertThat(invalid.getMessage()).startsWith("invalid rehearsal request: \"app\" is Orders!");
  }

  @Test
  void boundsOnTheHoldAndTheHealthChecks() {
    assertThat(
            problems(
                new RehearsalRequest("orders", "us-west-2", null, null, null, null, null, "carol")))
        .containsExactly("\"holdFor\" is missing: how long to stay in the target, such as PT10M");
    assertThat(
            problems(
                new RehearsalRequest(
                    "orders", "us-west-2", "P2D", null, null, null, null, "carol")))
        .singleElement()
        .asString()
        .startsWith("\"holdFor\" is P2D but a rehearsal holds for at most PT24H");
    assertThat(
            problems(
                new RehearsalRequest(
                    "orders", "us-west-2", "PT1H", "PT0.5S", null, null, null, "carol")))
        .containsExactly("\"checkEvery\" is PT0.5S but must be at least PT1S");
    assertThat(
            problems(
                new RehearsalRequest(
                    "orders", "us-west-2", "PT24H", "PT1M", null, null, null, "carol")))
        .singleElement()
        .asString()
        .contains("would check health 1440 times");
    assertThat(
            problems(
                new RehearsalRequest(
                    "orders", "us-west-2", "PT1H", null, true, true, null, "carol")))
        .singleElement()
        .asString()
        .contains("contradict");
  }

  @Test
  void healthChecksCountTheLastShortInterval() {
    assertThat(RehearsalPlan.healthChecks(Duration.ofMinutes(10), Duration.ofMinutes(4)))
        .isEqualTo(3);
    assertThat(RehearsalPlan.healthChecks(Duration.ofMinutes(10), Duration.ofMinutes(5)))
        .isEqualTo(2);
    assertThat(RehearsalPlan.healthChecks(Duration.ofSeconds(30), Duration.ofMinutes(1)))
        .isEqualTo(1);
  }

  private static List<String> problems(RehearsalRequest request) {
    InvalidRehearsalRequest invalid =
        catchThrowableOfType(() -> RehearsalPlan.from(request), InvalidRehearsalRequest.class);
    assertThat(invalid).as("%s is refused", request).isNotNull();
    return invalid.problems();
  }
}
