package dev.regionfailover.workflows.failover;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.dns.DnsActivities;
import dev.regionfailover.workflows.dns.PointRecordRequest;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.Route53Traffic;
import dev.regionfailover.workflows.estate.RoutingPolicy;
import dev.regionfailover.workflows.estate.TrafficLayer;
import dev.regionfailover.workflows.quota.QuotaApi;
import dev.regionfailover.workflows.quota.QuotaBoundStub;
import dev.regionfailover.workflows.traffic.LayerRequest;
import dev.regionfailover.workflows.traffic.LayerState;
import dev.regionfailover.workflows.traffic.TrafficActivities;
import java.util.List;

/**
 * SHIFT: moves every configured traffic layer to the target, in the estate's order, reading each
 * back, and registers how to move it back. Changes, and their compensations, go through the quota
 * queues of the app's account.
 */
final class TrafficShift {

  private final FailoverState state;
  private final StepRunner runner;
  private final QuotaBoundStub<DnsActivities> dns;
  private final QuotaBoundStub<TrafficActivities> traffic;

  TrafficShift(
      FailoverState state,
      StepRunner runner,
      QuotaBoundStub<DnsActivities> dns,
      QuotaBoundStub<TrafficActivities> traffic) {
    this.state = requireNonNull(state, "state is null");
    this.runner = requireNonNull(runner, "runner is null");
    this.dns = requireNonNull(dns, "dns is null");
    this.traffic = requireNonNull(traffic, "traffic is null");
  }

  void shift() {
    state.enter(Phase.SHIFT);
    state.checkAbort();
    Estate estate = state.estate;
    List<TrafficLayer> layers = estate.traffic() == null ? List.of() : estate.traffic().layers();
    if (layers.isEmpty()) {
      state.steps.skip("shift traffic", Phase.SHIFT, "the estate has no traffic layer");
      return;
    }
    for (TrafficLayer layer : layers) {
      Route53Traffic route53 = estate.traffic().route53();
      if (layer == TrafficLayer.ROUTE53 && route53.routing() == RoutingPolicy.SIMPLE) {
        shiftRecord(route53);
      } else {
        shiftLayer(layer);
      }
      state.checkAbort();
    }
  }

  private void shiftRecord(Route53Traffic route53) {
    String source = state.source;
    state.compensations.add(
        new Compensation(
            "point " + route53.recordName() + " back to " + source,
            () ->
                records()
                    .pointRecord(
                        new PointRecordRequest(
                            route53.zone(),
                            route53.recordName(),
                            route53.targets().get(source),
                            route53.ttl()))));
    String target = route53.targets().get(state.request.targetRegion());
    runner.step(
        "shift route53",
        route53.recordName() + " -> " + target,
        () ->
            records()
                .pointRecord(
                    new PointRecordRequest(
                        route53.zone(), route53.recordName(), target, route53.ttl())),
        StepResults::describe);
  }

  /** A layer whose regions each take a share: the target gets all of it, the others none. */
  private void shiftLayer(TrafficLayer layer) {
    Estate estate = state.estate;
    LayerState before =
        runner.step(
            "read " + layer.key(),
            "per-region settings in " + estate.regions(),
            () -> traffic.reads().read(new LayerRequest(estate.traffic(), layer, estate.regions())),
            s -> s.values().toString());
    state.compensations.add(
        new Compensation(
            "restore " + layer.key() + " to " + before.values(),
            () -> changes(layer).apply(before)));
    String target = state.request.targetRegion();
    runner.step(
        "shift " + layer.key(),
        "all traffic to " + target,
        () -> changes(layer).apply(before.shiftedTo(target)),
        s -> s.values().toString());
  }

  private DnsActivities records() {
    return dns.on(QuotaApi.ROUTE53, state.estate.aws());
  }

  private TrafficActivities changes(TrafficLayer layer) {
    return traffic.on(QuotaApi.of(layer), state.estate.aws());
  }
}
