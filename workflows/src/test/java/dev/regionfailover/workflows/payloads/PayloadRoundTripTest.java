package dev.regionfailover.workflows.payloads;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.estate.Fleet;
import dev.regionfailover.workflows.estate.Guards;
import dev.regionfailover.workflows.fleet.AsgCapacity;
import dev.regionfailover.workflows.fleet.EcsCapacity;
import dev.regionfailover.workflows.fleet.EventSourceMappingState;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.fleet.RuleState;
import dev.regionfailover.workflows.fleet.ScheduleState;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Payloads cross Temporal as JSON and are read back by other workers, possibly of another version:
 * what is written must read back equal, and what older versions wrote must still read.
 */
class PayloadRoundTripTest {

  private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;

  @Test
  void theExampleEstateReadsBackEqual() throws Exception {
    Path example = Path.of("..", "deploy", "estates", "orders.yaml");
    Estate estate = EstateParser.parse(Files.readString(example), example.toString());

    assertThat(roundTrip(estate, Estate.class)).isEqualTo(estate);
  }

  @Test
  void fleetStateReadsBackEqualRunningAndStopped() {
    FleetCapacity running =
        new FleetCapacity(
            "us-east-1",
            List.of(new EcsCapacity("orders-use1", "order-worker", 2)),
            List.of(new AsgCapacity("orders-batch-use1", 1, 4, 2, List.of("AZRebalance"))),
            List.of(
                new EventSourceMappingState(
                    "orders-projector", "arn:aws:sqs:us-east-1:123456789012:orders-events", true)),
            List.of(new RuleState("default", "orders-nightly-settlement", true)),
            List.of(new ScheduleState("default", "orders-invoice-run", true)));

    assertThat(roundTrip(running, FleetCapacity.class)).isEqualTo(running);
    assertThat(roundTrip(running.stopped(), FleetCapacity.class)).isEqualTo(running.stopped());
    assertThat(running.stopped().activeUnits()).isZero();
  }

  @Test
  void payloadsWrittenBeforeNewFieldsReadWithDefaults() {
    FleetCapacity old =
        fromJson(
            "{\"region\":\"us-east-1\",\"ecsServices\":[{\"cluster\":\"c\",\"service\":\"s\",\"desiredCount\":2}],"
                + "\"autoScalingGroups\":[{\"name\":\"g\",\"minSize\":1,\"maxSize\":4,\"desiredCapacity\":2}]}",
            FleetCapacity.class);
    Fleet oldFleet = fromJson("{\"ecsServices\":[],\"autoScalingGroups\":[\"g\"]}", Fleet.class);

    assertThat(old.autoScalingGroups().get(0).suspendedProcesses()).isEmpty();
    assertThat(old.eventSourceMappings()).isEmpty();
    assertThat(old.schedules()).isEmpty();
    assertThat(oldFleet.lambdaEventSourceMappings()).isEmpty();
    assertThat(oldFleet.hasWorkers()).isTrue();
    assertThat(Guards.DEFAULTS.maxRecordTtlSeconds()).isEqualTo(60);
  }

  private static <T> T roundTrip(T value, Class<T> type) {
    Payload payload = CONVERTER.toPayload(value).orElseThrow();
    return CONVERTER.fromPayload(payload, type, type);
  }

  private static <T> T fromJson(String json, Class<T> type) {
    Payload payload =
        Payload.newBuilder()
            .putMetadata("encoding", ByteString.copyFromUtf8("json/plain"))
            .setData(ByteString.copyFromUtf8(json))
            .build();
    return CONVERTER.fromPayload(payload, type, type);
  }
}
