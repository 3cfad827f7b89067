package dev.regionfailover.worker;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.AuthorityTransition;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import dev.regionfailover.workflows.dns.DnsActivities;
import dev.regionfailover.workflows.dns.PointRecordRequest;
import dev.regionfailover.workflows.dns.RecordState;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateActivities;
import dev.regionfailover.workflows.estate.EstateParser;
import dev.regionfailover.workflows.estate.LoadEstateRequest;
import dev.regionfailover.workflows.estate.TrafficLayer;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.flags.FlagActivities;
import dev.regionfailover.workflows.flags.FlagRequest;
import dev.regionfailover.workflows.flags.FlagValue;
import dev.regionfailover.workflows.fleet.AsgCapacity;
import dev.regionfailover.workflows.fleet.EcsCapacity;
import dev.regionfailover.workflows.fleet.FleetActivities;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.fleet.FleetRequest;
import dev.regionfailover.workflows.readiness.GuardActivities;
import dev.regionfailover.workflows.traffic.LayerRequest;
import dev.regionfailover.workflows.traffic.LayerState;
import dev.regionfailover.workflows.traffic.TrafficActivities;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Mocked activities that take any number of apps, each a copy of the example estate under its own
 * name with us-east-1 writing, as far as a planned failover goes before promotion: assessment,
 * traffic shift, fencing, and the compensations of a denial. Loading the estate of the app named
 * {@code held} waits until {@link #release()}, which keeps that failover in ASSESS meanwhile.
 */
final class HeldFailoverActivities {

  static final String SOURCE = "us-east-1";
  static final String TARGET = "us-west-2";

  private static final String USE1 = "arn:aws:rds:us-east-1:123456789012:cluster:orders-use1";
  private static final String USW2 = "arn:aws:rds:us-west-2:123456789012:cluster:orders-usw2";
  private static final FleetCapacity SOURCE_FLEET =
      new FleetCapacity(
          SOURCE,
          List.of(new EcsCapacity("orders-use1", "order-worker", 2)),
          List.of(new AsgCapacity("orders-batch-use1", 1, 4, 2, List.of())),
          List.of(),
          List.of(),
          List.of());

  private final EstateActivities estates =
      mock(EstateActivities.class, withSettings().withoutAnnotations());
  private final AuthorityActivities authority =
      mock(AuthorityActivities.class, withSettings().withoutAnnotations());
  private final AuroraActivities aurora =
      mock(AuroraActivities.class, withSettings().withoutAnnotations());
  private final GuardActivities guards =
      mock(GuardActivities.class, withSettings().withoutAnnotations());
  private final DnsActivities dns = mock(DnsActivities.class, withSettings().withoutAnnotations());
  private final TrafficActivities traffic =
      mock(TrafficActivities.class, withSettings().withoutAnnotations());
  private final FleetActivities fleets =
      mock(FleetActivities.class, withSettings().withoutAnnotations());
  private final FlagActivities flags =
      mock(FlagActivities.class, withSettings().withoutAnnotations());

  /** Each app's ledger as the mocks last wrote it. */
  private final Map<String, AuthorityRecord> ledgers = new ConcurrentHashMap<>();

  private final CountDownLatch released = new CountDownLatch(1);

  HeldFailoverActivities(Path exampleEstate, String held) throws Exception {
    String yaml = Files.readString(exampleEstate);
    when(estates.load(any()))
        .thenAnswer(
            i -> {
              String app = i.<LoadEstateRequest>getArgument(0).app();
              if (app.equals(held) && !released.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the estate of " + held + " was never released");
              }
              return estate(yaml, app);
            });
    when(authority.read(any()))
        .thenAnswer(
            i -> {
              String app = i.<ReadAuthorityRequest>getArgument(0).app();
              return ledgers.computeIfAbsent(
                  app,
                  a ->
                      new AuthorityRecord(
                          a, SOURCE, 1, AuthorityState.ACTIVE, "provisioned", "2026-01-01T00:00Z"));
            });
    when(authority.transition(any()))
        .thenAnswer(
            i -> {
              AuthorityTransition t = i.getArgument(0);
              AuthorityRecord written =
                  new AuthorityRecord(
                      t.app(),
                      t.writerRegion(),
                      t.newEpoch(),
                      t.state(),
                      t.workflowId(),
                      "2026-01-01T00:00Z");
              ledgers.put(t.app(), written);
              return written;
            });
    when(aurora.describe(any()))
        .thenReturn(
            new AuroraTopology(
                "orders-global",
                "available",
                List.of(
                    new ClusterMember(USE1, SOURCE, true),
                    new ClusterMember(USW2, TARGET, false))));
    when(aurora.checkReadiness(any()))
        .thenReturn(List.of(Finding.pass("aurora-membership", USW2, "member", "member")));
    when(guards.check(any()))
        .thenReturn(List.of(Finding.pass("guard-record-ttl", "api", "60 s", "at most 60 s")));
    when(dns.pointRecord(any()))
        .thenAnswer(
            i -> {
              PointRecordRequest r = i.getArgument(0);
              return new RecordState("Z1", r.name(), r.value(), r.ttl(), true);
            });
    when(traffic.read(any()))
        .thenAnswer(
            i -> {
              LayerRequest r = i.getArgument(0);
              double on = r.layer() == TrafficLayer.GLOBAL_ACCELERATOR ? 100 : 1;
              return new LayerState(r.traffic(), r.layer(), Map.of(SOURCE, on, TARGET, 0.0));
            });
    when(traffic.apply(any())).thenAnswer(i -> i.getArgument(0));
    when(fleets.snapshot(any()))
        .thenAnswer(
            i -> {
              FleetRequest r = i.getArgument(0);
              return r.region().equals(SOURCE)
                  ? SOURCE_FLEET
                  : SOURCE_FLEET.stopped().movedTo(r.region(), r.fleet());
            });
    when(fleets.scale(any())).thenAnswer(i -> i.getArgument(0));
    when(flags.read(any()))
        .thenAnswer(
            i -> {
              FlagRequest r = i.getArgument(0);
              return new FlagValue(
                  r.region(), r.name(), r.region().equals(SOURCE) ? "true" : "false");
            });
    when(flags.write(any())).thenAnswer(i -> i.getArgument(0));
  }

  /** Lets the held app's estate load, so its failover leaves ASSESS. */
  void release() {
    released.countDown();
  }

  Object[] all() {
    return new Object[] {estates, authority, aurora, guards, dns, traffic, fleets, flags};
  }

  private static Estate estate(String exampleYaml, String app) throws Exception {
    return EstateParser.parse(exampleYaml.replaceFirst("(?m)^app: orders$", "app: " + app), app);
  }
}
