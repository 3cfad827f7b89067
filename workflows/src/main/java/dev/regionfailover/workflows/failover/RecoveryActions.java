package dev.regionfailover.workflows.failover;

import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.Route53Traffic;
import dev.regionfailover.workflows.estate.RoutingPolicy;
import dev.regionfailover.workflows.estate.TrafficLayer;
import dev.regionfailover.workflows.flags.FlagValue;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.traffic.LayerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The changes a {@link RecoveryPlan} makes: every resource that does not agree with the writer the
 * plan chose, compared with what the recovery read, in the order the failover changes them.
 */
final class RecoveryActions {

  private RecoveryActions() {}

  /**
   * Every change that makes the estate agree with {@code writer}, in the failover's order.
   *
   * @param repinFrom the interrupted failover's source when re-pinning must be finished, else null
   */
  static List<RecoveryAction> toward(
      Estate estate, RecoveryFacts facts, String writer, long newest, String repinFrom) {
    List<RecoveryAction> actions = new ArrayList<>();
    // No item anywhere means no failover ever ran: the writer is whatever Aurora says.
    boolean ledgerAgrees =
        facts.ledgers().size() == estate.regions().size()
            && (facts.ledgers().values().stream().allMatch(c -> c.state() == AuthorityState.NONE)
                || facts.ledgers().values().stream()
                    .allMatch(
                        c ->
                            c.epoch() == newest
                                && c.state() == AuthorityState.ACTIVE
                                && writer.equals(c.writerRegion())));
    boolean ledgerNeedsChange = !ledgerAgrees;
    if (ledgerNeedsChange) {
      facts
          .ledgers()
          .forEach(
              (region, copy) ->
                  actions.add(
                      new RecoveryAction(
                          RecoveryAction.Kind.FENCE_LEDGER,
                          region,
                          "ledger in %s from %s to epoch %s, no writer"
                              .formatted(region, StatusText.authority(copy), newest + 1))));
    }
    for (String region : estate.regions()) {
      if (region.equals(writer)) {
        continue;
      }
      FleetCapacity fleet = facts.fleets().get(region);
      if (fleet != null && fleet.activeUnits() > 0) {
        actions.add(
            new RecoveryAction(
                RecoveryAction.Kind.STOP_FLEET,
                region,
                "background workers in %s (%s) to zero"
                    .formatted(region, StepResults.describe(fleet))));
      }
      FlagValue flag = facts.writeFlags().get(region);
      if (flag != null && !"false".equals(flag.value())) {
        actions.add(
            new RecoveryAction(
                RecoveryAction.Kind.DISABLE_WRITES,
                region,
                flag.name() + " in " + region + " from " + flag.value() + " to false"));
      }
    }
    Route53Traffic route53 = estate.traffic() == null ? null : estate.traffic().route53();
    if (route53 != null && route53.routing() == RoutingPolicy.SIMPLE) {
      String wanted = route53.targets().get(writer);
      if (!sameName(facts.trafficRecord(), wanted)) {
        actions.add(
            new RecoveryAction(
                RecoveryAction.Kind.SHIFT_TRAFFIC,
                TrafficLayer.ROUTE53.key(),
                route53.recordName() + " from " + facts.trafficRecord() + " to " + wanted));
      }
    }
    for (LayerState layer : facts.layers()) {
      if (!allOn(layer, writer)) {
        actions.add(
            new RecoveryAction(
                RecoveryAction.Kind.SHIFT_TRAFFIC,
                layer.layer().key(),
                layer.layer().key() + " from " + layer.values() + " to all on " + writer));
      }
    }
    if (!sameName(facts.writerRecord(), facts.writerEndpoint())) {
      actions.add(
          new RecoveryAction(
              RecoveryAction.Kind.POINT_WRITER_RECORD,
              writer,
              "%s from %s to %s"
                  .formatted(
                      estate.aurora().writerRecord().name(),
                      facts.writerRecord(),
                      facts.writerEndpoint())));
    }
    if (ledgerNeedsChange) {
      facts
          .ledgers()
          .keySet()
          .forEach(
              region ->
                  actions.add(
                      new RecoveryAction(
                          RecoveryAction.Kind.ACTIVATE_LEDGER,
                          region,
                          "ledger in %s to epoch %s, %s writes"
                              .formatted(region, newest + 2, writer))));
    }
    if (repinFrom != null && estate.pins() != null && facts.entitiesLeft() > 0) {
      actions.add(
          new RecoveryAction(
              RecoveryAction.Kind.REPIN,
              writer,
              facts.entitiesLeft() + " entities still pinned to " + repinFrom + " to " + writer));
    }
    FleetCapacity writerFleet = facts.fleets().get(writer);
    if (estate.fleet(writer).hasWorkers() && writerFleet.activeUnits() == 0) {
      actions.add(
          new RecoveryAction(
              RecoveryAction.Kind.START_FLEET,
              writer,
              "background workers in " + writer + ", now " + StepResults.describe(writerFleet)));
    }
    FlagValue writerFlag = facts.writeFlags().get(writer);
    if (!"true".equals(writerFlag.value())) {
      actions.add(
          new RecoveryAction(
              RecoveryAction.Kind.ENABLE_WRITES,
              writer,
              writerFlag.name() + " in " + writer + " from " + writerFlag.value() + " to true"));
    }
    return List.copyOf(actions);
  }

  /** Whether a layer sends all its traffic to {@code writer}. */
  private static boolean allOn(LayerState layer, String writer) {
    return layer.values().entrySet().stream()
        .allMatch(e -> e.getKey().equals(writer) ? e.getValue() > 0 : e.getValue() == 0);
  }

  /** DNS names compared without letter case or a trailing dot. */
  private static boolean sameName(String a, String b) {
    return a != null && b != null && normal(a).equals(normal(b));
  }

  private static String normal(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
  }
}
