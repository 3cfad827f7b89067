package dev.regionfailover.workflows.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.workflows.aurora.AuroraTopology;
import dev.regionfailover.workflows.aurora.ClusterMember;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.TrafficLayer;
import dev.regionfailover.workflows.flags.FlagValue;
import dev.regionfailover.workflows.fleet.AsgCapacity;
import dev.regionfailover.workflows.fleet.EcsCapacity;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.history.InterruptedFailover;
import dev.regionfailover.workflows.traffic.LayerState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** What recovery proposes, or refuses, for the facts it read. */
class RecoveryPlanTest {

  private static final String USE1 = "us-east-1";
  private static final String USW2 = "us-west-2";

  private final Estate estate = FakeEstate.orders();

  @Test
  void aConsistentEstateNeedsNoChange() {
    RecoveryPlan plan = RecoveryPlan.decide(estate, facts(USE1, activeEverywhere(USE1, 1), null));

    assertThat(plan.refusal()).isNull();
    assertThat(plan.consistent()).isTrue();
    assertThat(plan.approvals()).isEqualTo(1);
  }

  @Test
  void aFenceBeforePromotionRollsBackToTheSource() {
    Map<String, AuthorityRecord> ledgers = new TreeMap<>();
    ledgers.put(USE1, fenced(2));
    ledgers.put(USW2, fenced(2));
    RecoveryFacts read = withWriterStopped(facts(USE1, ledgers, interrupted("PLANNED")), USE1);

    RecoveryPlan plan = RecoveryPlan.decide(estate, read);

    assertThat(plan.direction()).isEqualTo(RecoveryPlan.Direction.ROLL_BACK);
    assertThat(plan.writer()).isEqualTo(USE1);
    assertThat(plan.other()).isEqualTo(USW2);
    assertThat(plan.approvals()).isEqualTo(1);
    assertThat(plan.actions())
        .extracting(RecoveryAction::kind)
        .containsExactly(
            RecoveryAction.Kind.FENCE_LEDGER,
            RecoveryAction.Kind.FENCE_LEDGER,
            RecoveryAction.Kind.ACTIVATE_LEDGER,
            RecoveryAction.Kind.ACTIVATE_LEDGER,
            RecoveryAction.Kind.START_FLEET,
            RecoveryAction.Kind.ENABLE_WRITES);
    assertThat(plan.of(RecoveryAction.Kind.ACTIVATE_LEDGER).get(0).detail())
        .isEqualTo("ledger in us-east-1 to epoch 4, us-east-1 writes");
  }

  @Test
  void aPromotionThatHappenedRollsForwardAndAnUnplannedOneNeedsTwoApprovers() {
    Map<String, AuthorityRecord> ledgers = new TreeMap<>();
    ledgers.put(USE1, fenced(2));
    ledgers.put(USW2, fenced(2));
    RecoveryFacts read = withWriterStopped(facts(USW2, ledgers, interrupted("UNPLANNED")), USW2);

    RecoveryPlan plan = RecoveryPlan.decide(estate, read);

    assertThat(plan.direction()).isEqualTo(RecoveryPlan.Direction.ROLL_FORWARD);
    assertThat(plan.writer()).isEqualTo(USW2);
    assertThat(plan.approvals()).isEqualTo(2);
    assertThat(plan.reasons()).anyMatch(r -> r.contains("UNPLANNED"));
    assertThat(plan.actions())
        .extracting(RecoveryAction::kind)
        .contains(
            RecoveryAction.Kind.SHIFT_TRAFFIC,
            RecoveryAction.Kind.POINT_WRITER_RECORD,
            RecoveryAction.Kind.START_FLEET,
            RecoveryAction.Kind.ENABLE_WRITES)
        .doesNotContain(RecoveryAction.Kind.STOP_FLEET);
  }

  @Test
  void aRegionThatDoesNotAnswerIsLeftAloneAndNeedsTwoApprovers() {
    Map<String, AuthorityRecord> ledgers = new TreeMap<>();
    ledgers.put(USE1, fenced(2));
    RecoveryFacts read = withoutRegion(facts(USE1, ledgers, interrupted("PLANNED")), USW2);

    RecoveryPlan plan = RecoveryPlan.decide(estate, read);

    assertThat(plan.approvals()).isEqualTo(2);
    assertThat(plan.of(RecoveryAction.Kind.FENCE_LEDGER))
        .extracting(RecoveryAction::region)
        .containsExactly(USE1);
    assertThat(plan.reasons())
        .anyMatch(r -> r.startsWith("the ledger copy in us-west-2, the fleet"));
  }

  @Test
  void refusesWhileAuroraChangesItsWriter() {
    RecoveryFacts read = facts(USE1, activeEverywhere(USE1, 1), null);
    RecoveryFacts switching =
        withAurora(
            read,
            new AuroraTopology(
                "orders-global",
                "switching-over",
                List.of(
                    new ClusterMember(estate.aurora().cluster(USE1), USE1, true),
                    new ClusterMember(estate.aurora().cluster(USW2), USW2, false))));

    RecoveryPlan plan = RecoveryPlan.decide(estate, switching);

    assertThat(plan.refusal())
        .contains("is switching-over")
        .contains("run ./failover recover orders again");
  }

  @Test
  void refusesLedgerCopiesThatDisagreeAtTheSameEpoch() {
    Map<String, AuthorityRecord> ledgers = new TreeMap<>();
    ledgers.put(USE1, active(USE1, 3));
    ledgers.put(USW2, active(USW2, 3));

    RecoveryPlan plan = RecoveryPlan.decide(estate, facts(USE1, ledgers, null));

    assertThat(plan.refusal())
        .startsWith("ledger copies at epoch 3 disagree")
        .contains("two recoveries that could not reach each other's copy both wrote that epoch")
        .contains("Aurora's writer is now")
        .contains("in " + USE1 + ".")
        .contains("set every copy by hand to one writer above epoch 3")
        .doesNotContain("no workflow");
  }

  @Test
  void refusesWhenAuroraWritesInARegionTheFailoverNeverTouched() {
    InterruptedFailover elsewhere =
        new InterruptedFailover(
            "failover-orders", "run-1", "TERMINATED", "PLANNED", "eu-west-1", USW2, null);

    RecoveryPlan plan =
        RecoveryPlan.decide(estate, facts(USE1, activeEverywhere(USE1, 1), elsewhere));

    assertThat(plan.refusal()).contains("neither the source eu-west-1 nor the target us-west-2");
  }

  @Test
  void refusesAWriterRegionThatDoesNotAnswer() {
    RecoveryFacts read = withoutRegion(facts(USE1, activeEverywhere(USE1, 1), null), USE1);

    RecoveryPlan plan = RecoveryPlan.decide(estate, read);

    assertThat(plan.refusal()).startsWith("us-east-1 holds Aurora's writer but did not answer");
  }

  @Test
  void aPromotionOutsideAnyFailoverNeedsTwoApprovers() {
    RecoveryPlan plan = RecoveryPlan.decide(estate, facts(USW2, activeEverywhere(USE1, 1), null));

    assertThat(plan.direction()).isEqualTo(RecoveryPlan.Direction.SETTLE);
    assertThat(plan.approvals()).isEqualTo(2);
    assertThat(plan.reasons()).anyMatch(r -> r.contains("outside any failover"));
  }

  /** Everything agreeing that {@code writer} writes, with the ledger as given. */
  private RecoveryFacts facts(
      String writer, Map<String, AuthorityRecord> ledgers, InterruptedFailover interrupted) {
    String other = writer.equals(USE1) ? USW2 : USE1;
    Map<String, FleetCapacity> fleets = new TreeMap<>();
    fleets.put(writer, running(writer));
    fleets.put(other, stopped(other));
    Map<String, FlagValue> flags = new TreeMap<>();
    flags.put(writer, flag(writer, "true"));
    flags.put(other, flag(other, "false"));
    return new RecoveryFacts(
        ledgers,
        new AuroraTopology(
            "orders-global",
            "available",
            List.of(
                new ClusterMember(estate.aurora().cluster(USE1), USE1, writer.equals(USE1)),
                new ClusterMember(estate.aurora().cluster(USW2), USW2, writer.equals(USW2)))),
        endpoint(writer),
        endpoint(USE1),
        estate.traffic().route53().targets().get(USE1),
        List.of(layer(TrafficLayer.ARC, USE1), layer(TrafficLayer.GLOBAL_ACCELERATOR, USE1)),
        fleets,
        flags,
        -1,
        interrupted);
  }

  /** The facts with the writer's fleet stopped and its writes disabled, as a fence leaves them. */
  private static RecoveryFacts withWriterStopped(RecoveryFacts facts, String writer) {
    Map<String, FleetCapacity> fleets = new TreeMap<>(facts.fleets());
    fleets.put(writer, stopped(writer));
    Map<String, FlagValue> flags = new TreeMap<>(facts.writeFlags());
    flags.put(writer, flag(writer, "false"));
    return new RecoveryFacts(
        facts.ledgers(),
        facts.aurora(),
        facts.writerEndpoint(),
        facts.writerRecord(),
        facts.trafficRecord(),
        facts.layers(),
        fleets,
        flags,
        facts.entitiesLeft(),
        facts.interrupted());
  }

  /** The facts as read while {@code region} does not answer. */
  private static RecoveryFacts withoutRegion(RecoveryFacts facts, String region) {
    Map<String, AuthorityRecord> ledgers = new TreeMap<>(facts.ledgers());
    ledgers.remove(region);
    Map<String, FleetCapacity> fleets = new TreeMap<>(facts.fleets());
    fleets.remove(region);
    Map<String, FlagValue> flags = new TreeMap<>(facts.writeFlags());
    flags.remove(region);
    return new RecoveryFacts(
        ledgers,
        facts.aurora(),
        facts.writerEndpoint(),
        facts.writerRecord(),
        facts.trafficRecord(),
        facts.layers(),
        fleets,
        flags,
        facts.entitiesLeft(),
        facts.interrupted());
  }

  private static RecoveryFacts withAurora(RecoveryFacts facts, AuroraTopology aurora) {
    return new RecoveryFacts(
        facts.ledgers(),
        aurora,
        facts.writerEndpoint(),
        facts.writerRecord(),
        facts.trafficRecord(),
        facts.layers(),
        facts.fleets(),
        facts.writeFlags(),
        facts.entitiesLeft(),
        facts.interrupted());
  }

  private LayerState layer(TrafficLayer layer, String on) {
    Map<String, Double> values = new HashMap<>();
    double full = layer == TrafficLayer.GLOBAL_ACCELERATOR ? 100 : 1;
    values.put(USE1, on.equals(USE1) ? full : 0);
    values.put(USW2, on.equals(USW2) ? full : 0);
    return new LayerState(estate.traffic(), layer, values);
  }

  private static String endpoint(String region) {
    return "orders-" + region + ".cluster-x." + region + ".rds.amazonaws.com";
  }

  private static InterruptedFailover interrupted(String mode) {
    return new InterruptedFailover(
        "failover-orders", "run-1", "TERMINATED", mode, USE1, USW2, running(USE1));
  }

  private static Map<String, AuthorityRecord> activeEverywhere(String writer, long epoch) {
    Map<String, AuthorityRecord> ledgers = new TreeMap<>();
    ledgers.put(USE1, active(writer, epoch));
    ledgers.put(USW2, active(writer, epoch));
    return ledgers;
  }

  private static AuthorityRecord active(String writer, long epoch) {
    return new AuthorityRecord(
        "orders", writer, epoch, AuthorityState.ACTIVE, "failover-orders", "");
  }

  private static AuthorityRecord fenced(long epoch) {
    return new AuthorityRecord("orders", null, epoch, AuthorityState.FENCED, "failover-orders", "");
  }

  private static FleetCapacity running(String region) {
    return new FleetCapacity(
        region,
        List.of(new EcsCapacity("orders", "order-worker", 2)),
        List.of(new AsgCapacity("orders-batch", 1, 4, 2, List.of())),
        List.of(),
        List.of(),
        List.of());
  }

  private static FleetCapacity stopped(String region) {
    return running(region).stopped();
  }

  private static FlagValue flag(String region, String value) {
    return new FlagValue(region, "/orders/" + region + "/writes-enabled", value);
  }
}
