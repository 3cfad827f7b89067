package dev.regionfailover.starter.iam;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.Fleet;
import dev.regionfailover.workflows.estate.Guards;
import dev.regionfailover.workflows.estate.HostedZone;
import dev.regionfailover.workflows.estate.QueueRef;
import dev.regionfailover.workflows.estate.ReplicatedTable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The ARNs of an estate's own resources, by kind, as the statements of its policy name them: in
 * {@code account}, or in any account when it is {@code *}. Each list is in the estate's order and
 * free of duplicates; an empty list means the estate has nothing of that kind.
 */
final class EstateResources {

  private final Estate estate;
  private final String account;

  EstateResources(Estate estate, String account) {
    this.estate = requireNonNull(estate, "estate is null");
    this.account = requireNonNull(account, "account is null");
  }

  List<String> ledgerTables() {
    return perRegion(region -> List.of(table(region, estate.authority().table())));
  }

  List<String> pinsTableAndIndex() {
    if (estate.pins() == null) {
      return List.of();
    }
    return perRegion(
        region -> {
          String table = table(region, estate.pins().table());
          return estate.pins().index() == null
              ? List.of(table)
              : List.of(table, table + "/index/" + estate.pins().index());
        });
  }

  List<String> reconciledTables() {
    return perRegion(
        region ->
            estate.reconcile().tables().stream()
                .map(ReplicatedTable::table)
                .map(table -> table(region, table))
                .toList());
  }

  List<String> monitoredTables() {
    if (estate.detection() == null) {
      return List.of();
    }
    return perRegion(
        region ->
            estate.detection().replicatedTables().stream()
                .map(table -> table(region, table))
                .toList());
  }

  /** The zones of the traffic record and of Aurora's writer record: by id if known, else any. */
  List<String> hostedZones() {
    return distinct(
        zones().stream()
            .map(zone -> "arn:aws:route53:::hostedzone/" + (zone.id() == null ? "*" : zone.id())));
  }

  /** The zones the estate names by id, which the worker looks up by that id. */
  List<String> hostedZonesNamedById() {
    return distinct(
        zones().stream()
            .filter(zone -> zone.id() != null)
            .map(zone -> "arn:aws:route53:::hostedzone/" + zone.id()));
  }

  private List<HostedZone> zones() {
    List<HostedZone> zones = new ArrayList<>();
    if (estate.traffic() != null && estate.traffic().route53() != null) {
      zones.add(estate.traffic().route53().zone());
    }
    if (estate.aurora().writerRecord() != null) {
      zones.add(estate.aurora().writerRecord().zone());
    }
    return zones;
  }

  /** The health checks that failover routing inverts to shift traffic. */
  List<String> routingHealthChecks() {
    if (estate.traffic() == null || estate.traffic().route53() == null) {
      return List.of();
    }
    return healthChecks(estate.traffic().route53().healthChecks().values());
  }

  /** The health checks whose status the monitor and readiness read. */
  List<String> monitoredHealthChecks() {
    if (estate.detection() == null) {
      return List.of();
    }
    return healthChecks(estate.detection().healthChecks().values());
  }

  private static List<String> healthChecks(Collection<String> ids) {
    return distinct(ids.stream().sorted().map(id -> "arn:aws:route53:::healthcheck/" + id));
  }

  List<String> routingControls() {
    if (estate.traffic() == null || estate.traffic().arc() == null) {
      return List.of();
    }
    return inRegionOrder(estate.traffic().arc().routingControls()::get);
  }

  List<String> endpointGroups() {
    if (estate.traffic() == null || estate.traffic().globalAccelerator() == null) {
      return List.of();
    }
    return inRegionOrder(estate.traffic().globalAccelerator().endpointGroups()::get);
  }

  List<String> globalCluster() {
    return List.of(
        "arn:aws:rds::" + account + ":global-cluster:" + estate.aurora().globalCluster());
  }

  List<String> auroraClusters() {
    return inRegionOrder(estate.aurora()::cluster);
  }

  List<String> globalClusterAndMembers() {
    return distinct(Stream.concat(globalCluster().stream(), auroraClusters().stream()));
  }

  List<String> alarms() {
    if (estate.detection() == null) {
      return List.of();
    }
    return perRegion(
        region ->
            estate.detection().alarms().getOrDefault(region, List.of()).stream()
                .map(alarm -> arn("cloudwatch", region, "alarm:" + alarm))
                .toList());
  }

  List<String> ecsServices() {
    return perFleet(
        Fleet::ecsServices,
        (region, ref) -> arn("ecs", region, "service/" + ref.cluster() + "/" + ref.service()));
  }

  List<String> autoScalingGroups() {
    return perFleet(
        Fleet::autoScalingGroups,
        (region, name) ->
            arn("autoscaling", region, "autoScalingGroup:*:autoScalingGroupName/" + name));
  }

  /** Mappings are named by an id AWS assigns, so every mapping of each region that has any. */
  List<String> eventSourceMappings() {
    return perRegion(
        region ->
            estate.fleet(region).lambdaEventSourceMappings().isEmpty()
                ? List.of()
                : List.of(arn("lambda", region, "event-source-mapping:*")));
  }

  List<String> rules() {
    return perFleet(
        Fleet::eventBridgeRules,
        (region, ref) ->
            arn(
                "events",
                region,
                "rule/"
                    + (ref.eventBus() == null || ref.eventBus().equals("default")
                        ? ""
                        : ref.eventBus() + "/")
                    + ref.name()));
  }

  List<String> schedules() {
    return perFleet(
        Fleet::schedules,
        (region, ref) ->
            arn(
                "scheduler",
                region,
                "schedule/" + (ref.group() == null ? "default" : ref.group()) + "/" + ref.name()));
  }

  /** The roles schedules run as are not in the estate, so any role of the account. */
  List<String> scheduleRoles() {
    return perFleet(Fleet::schedules, (region, ref) -> "arn:aws:iam::" + account + ":role/*");
  }

  List<String> writesEnabledParameters() {
    return perRegion(
        region -> List.of(parameter(region, estate.flags().writesEnabledParameter(region))));
  }

  List<String> guardParameters() {
    Guards guards = estate.guards();
    return perRegion(
        region ->
            Stream.of(guards.schemaVersionParameter(), guards.migrationInProgressParameter())
                .map(name -> Guards.inRegion(name, region))
                .filter(name -> name != null)
                .map(name -> parameter(region, name))
                .toList());
  }

  List<String> queues() {
    return perRegion(
        region ->
            estate.queues(region).stream()
                .flatMap(ref -> queueNames(ref).stream())
                .map(queue -> arn("sqs", region, queue))
                .toList());
  }

  private static List<String> queueNames(QueueRef ref) {
    return ref.deadLetterQueue() == null
        ? List.of(ref.queue())
        : List.of(ref.queue(), ref.deadLetterQueue());
  }

  private String table(String region, String table) {
    return arn("dynamodb", region, "table/" + table);
  }

  private String parameter(String region, String name) {
    return arn("ssm", region, "parameter/" + (name.startsWith("/") ? name.substring(1) : name));
  }

  private String arn(String service, String region, String resource) {
    return "arn:aws:" + service + ":" + region + ":" + account + ":" + resource;
  }

  private List<String> perRegion(Function<String, Collection<String>> arns) {
    return distinct(estate.regions().stream().flatMap(region -> arns.apply(region).stream()));
  }

  private List<String> inRegionOrder(Function<String, String> arn) {
    return distinct(estate.regions().stream().map(arn).filter(value -> value != null));
  }

  private <T> List<String> perFleet(
      Function<Fleet, List<T>> refs, BiFunction<String, T, String> arn) {
    return perRegion(
        region ->
            refs.apply(estate.fleet(region)).stream().map(ref -> arn.apply(region, ref)).toList());
  }

  private static List<String> distinct(Stream<String> arns) {
    Set<String> seen = new LinkedHashSet<>();
    arns.forEach(seen::add);
    return List.copyOf(seen);
  }
}
