package dev.regionfailover.workflows.pins;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.regionfailover.workflows.estate.Pins;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The re-pin's payloads cross Temporal as JSON: they must read back equal, old ones with defaults.
 */
class RepinPayloadsTest {

  private static final DataConverter CONVERTER = DefaultDataConverter.STANDARD_INSTANCE;
  private static final Pins PINS =
      new Pins("orders-tenants", "homeRegion", "homeRegion-index", "version", 8, 50);

  @Test
  void aContinuedPlanAndASegmentStepReadBackEqual() {
    SegmentCheckpoint checkpoint =
        new SegmentCheckpoint(
            3, Map.of("id", "S:tenant-7", "homeRegion", "S:us-east-1"), 12, 1100, 4, 1104, false);
    RepinPlan plan =
        new RepinPlan(
                "orders",
                PINS,
                "us-west-2",
                "us-east-1",
                "us-west-2",
                "failover-authority",
                "failover-orders")
            .continuedWith(
                "repin-orders/run-1",
                new RepinCarry(
                    5000, 1_700_000_000_000L, 2, List.of(checkpoint), 22, 1_700_000_030_000L));
    SegmentRequest request =
        new SegmentRequest(
            "orders",
            "repin-orders/run-1",
            PINS,
            "us-west-2",
            "us-east-1",
            "us-west-2",
            "failover-authority",
            8,
            checkpoint,
            20,
            20_000);
    RepinProgress progress = new RepinProgress(5000, 0, 5000, 0, null, 0, 0, 8, 1_700_000_000_000L);

    assertThat(roundTrip(plan, RepinPlan.class)).isEqualTo(plan);
    assertThat(roundTrip(request, SegmentRequest.class)).isEqualTo(request);
    assertThat(roundTrip(progress, RepinProgress.class)).isEqualTo(progress);
    assertThat(plan.maxHistoryEvents()).isEqualTo(RepinPlan.DEFAULT_MAX_HISTORY_EVENTS);
  }

  @Test
  void aPlanWrittenWithoutTheNewFieldsReadsWithDefaults() {
    RepinPlan old =
        fromJson(
            "{\"app\":\"orders\",\"pins\":{\"table\":\"t\",\"homeRegionAttribute\":\"home\","
                + "\"index\":\"home-index\",\"versionAttribute\":null},\"tableRegion\":\"us-west-2\","
                + "\"fromRegion\":\"us-east-1\",\"toRegion\":\"us-west-2\",\"auditTable\":\"a\","
                + "\"progressWorkflowId\":null,\"carry\":null}",
            RepinPlan.class);

    assertThat(old.planId()).isNull();
    assertThat(old.maxHistoryEvents()).isEqualTo(RepinPlan.DEFAULT_MAX_HISTORY_EVENTS);
    assertThat(old.pins().segments()).isEqualTo(Pins.DEFAULT_SEGMENTS);
    assertThat(old.pins().pageSize()).isEqualTo(Pins.DEFAULT_PAGE_SIZE);
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
