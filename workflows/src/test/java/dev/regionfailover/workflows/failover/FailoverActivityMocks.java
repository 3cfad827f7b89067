package dev.regionfailover.workflows.failover;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.aurora.LagReading;
import dev.regionfailover.workflows.aurora.PromotionResult;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.AuthorityTransition;
import dev.regionfailover.workflows.dns.DnsActivities;
import dev.regionfailover.workflows.dns.PointRecordRequest;
import dev.regionfailover.workflows.dns.RecordState;
import dev.regionfailover.workflows.estate.EstateActivities;
import dev.regionfailover.workflows.estate.TrafficLayer;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.flags.FlagActivities;
import dev.regionfailover.workflows.flags.FlagRequest;
import dev.regionfailover.workflows.flags.FlagValue;
import dev.regionfailover.workflows.fleet.AsgCapacity;
import dev.regionfailover.workflows.fleet.EcsCapacity;
import dev.regionfailover.workflows.fleet.EventSourceMappingState;
import dev.regionfailover.workflows.fleet.FleetActivities;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.fleet.FleetRequest;
import dev.regionfailover.workflows.fleet.RuleState;
import dev.regionfailover.workflows.fleet.ScheduleState;
import dev.regionfailover.workflows.identity.IdentityActivities;
import dev.regionfailover.workflows.pins.EntityCount;
import dev.regionfailover.workflows.pins.PinActivities;
import dev.regionfailover.workflows.pins.SegmentCheckpoint;
import dev.regionfailover.workflows.pins.SegmentRequest;
import dev.regionfailover.workflows.readiness.GuardActivities;
import dev.regionfailover.workflows.traffic.LayerRequest;
import dev.regionfailover.workflows.traffic.LayerState;
import dev.regionfailover.workflows.traffic.TrafficActivities;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Map;

/**
 * Mocked activities that behave like a healthy orders estate with us-east-1 writing: each mutating
 * mock answers with what it was asked to do, as the real activities do after reading back.
 */
final class FailoverActivityMocks {

  static final String SOURCE = "us-east-1";
  static final String TARGET = "us-west-2";
  static final String USE1 = "arn:aws:rds:us-east-1:123456789012:cluster:orders-use1";
  static final String USW2 = "arn:aws:rds:us-west-2:123456789012:cluster:orders-usw2";
  static final String WRITER_ENDPOINT = "orders-usw2.cluster-abc.us-west-2.rds.amazonaws.com";
  static final FleetCapacity SOURCE_FLEET =
      new FleetCapacity(
          SOURCE,
          List.of(new EcsCapacity("orders-use1", "order-worker", 2)),
          List.of(new AsgCapacity("orders-batch-use1", 1, 4, 2, List.of())),
          List.of(
              new EventSourceMappingState(
                  "orders-projector", "arn:aws:sqs:us-east-1:123456789012:orders-events", true)),
          List.of(new RuleState("default", "orders-nightly-settlement", true)),
          List.of(new ScheduleState("default", "orders-invoice-run", true)));

  final EstateActivities estates =
      mock(EstateActivities.class, withSettings().withoutAnnotations());
  final AuthorityActivities authority =
      mock(AuthorityActivities.class, withSettings().withoutAnnotations());
  final AuroraActivities aurora = mock(AuroraActivities.class, withSettings().withoutAnnotations());
  final DnsActivities dns = mock(DnsActivities.class, withSettings().withoutAnnotations());
  final FleetActivities fleets = mock(FleetActivities.class, withSettings().withoutAnnotations());
  final FlagActivities flags = mock(FlagActivities.class, withSettings().withoutAnnotations());
  final PinActivities pins = mock(PinActivities.class, withSettings().withoutAnnotations());
  final GuardActivities guards = mock(GuardActivities.class, withSettings().withoutAnnotations());
  final TrafficActivities traffic =
      mock(TrafficActivities.class, withSettings().withoutAnnotations());
  final IdentityActivities identities =
      mock(IdentityActivities.class, withSettings().withoutAnnotations());

  /** The ledger as the mocks last wrote it, so a compensation reads what the fence wrote. */
  private volatile AuthorityRecord ledger =
      new AuthorityRecord(
          "orders", SOURCE, 1, AuthorityState.ACTIVE, "provisioned", "2026-01-01T00:00:00Z");

  FailoverActivityMocks() {
    when(estates.load(any())).thenReturn(FakeEstate.orders());
    when(authority.read(any())).thenAnswer(i -> ledger);
    when(authority.transition(any()))
        .thenAnswer(
            i -> {
              AuthorityTransition t = i.getArgument(0);
              if (t == null) {
                return null;
              }
              ledger =
                  new AuthorityRecord(
                      t.app(),
                      t.writerRegion(),
                      t.newEpoch(),
                      t.state(),
                      t.workflowId(),
                      "2026-01-01T00:00:00Z");
              return ledger;
            });
    when(aurora.describe(any())).thenReturn(topology(USE1), topology(USW2));
    when(aurora.checkReadiness(any()))
        .thenReturn(
            List.of(
                Finding.pass("aurora-membership", USW2, "member", "member"),
                Finding.pass("aurora-replication-lag", USW2, "0.8 s", "at most 5 s")));
    when(aurora.promote(any())).thenReturn(new PromotionResult(USW2, WRITER_ENDPOINT, true));
    when(aurora.lag(any()))
        .thenReturn(Finding.pass("aurora-replication-lag", USE1, "0.8 s", "at most 5 s"));
    when(dns.pointRecord(any()))
        .thenAnswer(
            i -> {
              PointRecordRequest r = i.getArgument(0);
              if (r == null) {
                return null;
              }
              return new RecordState("Z1", r.name(), r.value(), r.ttl(), true);
            });
    when(fleets.snapshot(any()))
        .thenAnswer(
            i -> {
              FleetRequest r = i.getArgument(0);
              if (r == null) {
                return null;
              }
              return r.region().equals(SOURCE)
                  ? SOURCE_FLEET
                  : SOURCE_FLEET.stopped().movedTo(r.region(), r.fleet());
            });
    when(fleets.scale(any())).thenAnswer(i -> i.getArgument(0));
    when(flags.read(any()))
        .thenAnswer(
            i -> {
              FlagRequest r = i.getArgument(0);
              if (r == null) {
                return null;
              }
              return new FlagValue(
                  r.region(), r.name(), r.region().equals(SOURCE) ? "true" : "false");
            });
    when(flags.write(any())).thenAnswer(i -> i.getArgument(0));
    // 100 entities to move at the start, none left once the segments have moved them.
    when(pins.countEntities(any())).thenReturn(new EntityCount(100), new EntityCount(0));
    // Each of the four segments moves its 25 entities in one step.
    when(pins.repinSegment(any()))
        .thenAnswer(
            i -> {
              SegmentRequest request = i.getArgument(0);
              SegmentCheckpoint at = request.checkpoint();
              return new SegmentCheckpoint(at.segment(), Map.of(), 1, 25, 1, 26, true);
            });
    when(guards.check(any()))
        .thenReturn(
            List.of(
                Finding.pass(
                    "guard-schema-version",
                    "/orders/schema-version",
                    "42 in us-east-1, us-west-2",
                    "equal in every region"),
                Finding.pass(
                    "guard-record-ttl", "api.orders.example.com", "60 s", "at most 60 s")));
    when(traffic.read(any()))
        .thenAnswer(
            i -> {
              LayerRequest r = i.getArgument(0);
              if (r == null) {
                return null;
              }
              double on = r.layer() == TrafficLayer.GLOBAL_ACCELERATOR ? 100 : 1;
              return new LayerState(r.traffic(), r.layer(), Map.of(SOURCE, on, TARGET, 0.0));
            });
    when(traffic.apply(any())).thenAnswer(i -> i.getArgument(0));
    when(aurora.measureLag(any())).thenReturn(new LagReading(USW2, 2300.0, "2026-01-01T00:00:00Z"));
  }

  /**
   * Makes every call into the source region fail as a refused connection does: retryably, so only
   * the retry budget ends it.
   */
  void sourceUnreachable() {
    ApplicationFailure refused =
        ApplicationFailure.newFailure(
            "Unable to execute HTTP request: Connection reset", "SdkClientException");
    doThrow(refused)
        .when(authority)
        .read(argThat(r -> r != null && r.regions().equals(List.of(SOURCE))));
    doThrow(refused)
        .when(authority)
        .transition(argThat(t -> t != null && t.regions().equals(List.of(SOURCE))));
    doThrow(refused).when(fleets).snapshot(argThat(r -> r != null && r.region().equals(SOURCE)));
    doThrow(refused).when(flags).read(argThat(r -> r != null && r.region().equals(SOURCE)));
    doThrow(refused).when(aurora).lag(argThat(r -> r != null && r.region().equals(SOURCE)));
  }

  Object[] all() {
    return new Object[] {
      estates, authority, aurora, dns, fleets, flags, pins, guards, traffic, identities
    };
  }

  AuthorityRecord ledger() {
    return ledger;
  }

  static AuroraTopology topology(String writerArn) {
    return new AuroraTopology(
        "orders-global",
        "available",
        List.of(
            new ClusterMember(USE1, SOURCE, writerArn.equals(USE1)),
            new ClusterMember(USW2, TARGET, writerArn.equals(USW2))));
  }
}
