package dev.regionfailover.activities.readiness;

import static dev.regionfailover.activities.readiness.Probes.probe;
import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.dynamodb.Tables;
import dev.regionfailover.activities.fleet.FleetReader;
import dev.regionfailover.activities.sqs.Queues;
import dev.regionfailover.activities.ssm.Parameters;
import dev.regionfailover.workflows.estate.EcsServiceRef;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EventBridgeRuleRef;
import dev.regionfailover.workflows.estate.EventSourceMappingRef;
import dev.regionfailover.workflows.estate.Fleet;
import dev.regionfailover.workflows.estate.QueueRef;
import dev.regionfailover.workflows.estate.ReplicatedTable;
import dev.regionfailover.workflows.estate.ScheduleRef;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.readiness.CapacityRequest;
import dev.regionfailover.workflows.readiness.CredentialsRequest;
import dev.regionfailover.workflows.readiness.ReadinessActivities;
import dev.regionfailover.workflows.readiness.ResourcesRequest;
import dev.regionfailover.workflows.readiness.TrafficCheckRequest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The readiness checks that no other capability makes: target capacity, the existence of every
 * resource an estate names, credentials in every region, and the traffic layers. Reads only. Fleet
 * and traffic-layer reads go through {@link FleetReader} and {@link
 * dev.regionfailover.activities.traffic.TrafficLayers}, as the fleet and traffic activities' do, so
 * that readiness finds a resource exactly as a failover will.
 *
 * <p>What a failover would stop at (a missing resource, a refused call, an unreachable region) is a
 * FAIL finding naming the resource and what was observed. Throttling and server errors are thrown,
 * so the activity is retried.
 */
public final class ReadinessActivitiesImpl implements ReadinessActivities {

  static final String CHECK_ECS_CAPACITY = "capacity-ecs-service";
  static final String CHECK_ASG_CAPACITY = "capacity-auto-scaling-group";
  static final String CHECK_FLEET_READABLE = "capacity-fleet-readable";
  static final String CHECK_TABLE = "exists-dynamodb-table";
  static final String CHECK_ECS_SERVICE = "exists-ecs-service";
  static final String CHECK_ASG = "exists-auto-scaling-group";
  static final String CHECK_EVENT_SOURCE_MAPPING = "exists-event-source-mapping";
  static final String CHECK_RULE = "exists-eventbridge-rule";
  static final String CHECK_SCHEDULE = "exists-schedule";
  static final String CHECK_PARAMETER = "exists-ssm-parameter";
  static final String CHECK_QUEUE = "exists-sqs-queue";
  static final String CHECK_CREDENTIALS = "credentials";
  static final String CHECK_ROUTE53_RECORD = "traffic-route53-record";
  static final String CHECK_ROUTE53_LAYER = "traffic-route53";
  static final String CHECK_ARC = "traffic-arc-routing-control";
  static final String CHECK_GLOBAL_ACCELERATOR = "traffic-global-accelerator";
  static final String CHECK_DETECTION_HEALTH_CHECK = "detection-health-check";

  private static final Logger log = LoggerFactory.getLogger(ReadinessActivitiesImpl.class);

  private final AwsClients clients;
  private final FleetReader fleets;
  private final Tables tables;
  private final Parameters parameters;
  private final Queues queues;
  private final CapacityChecks capacity;
  private final TrafficChecks traffic;

  @Inject
  public ReadinessActivitiesImpl(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
    this.fleets = new FleetReader(clients);
    this.tables = new Tables(clients);
    this.parameters = new Parameters(clients);
    this.queues = new Queues(clients);
    this.capacity = new CapacityChecks(fleets);
    this.traffic = new TrafficChecks(clients);
  }

  @Override
  public List<Finding> capacity(CapacityRequest request) {
    return capacity.check(request);
  }

  @Override
  public List<Finding> resources(ResourcesRequest request) {
    Estate estate = request.estate();
    String region = request.region();
    List<Finding> findings = new ArrayList<>();
    Set<String> tables = new LinkedHashSet<>();
    tables.add(estate.authority().table());
    estate.reconcile().tables().stream().map(ReplicatedTable::table).forEach(tables::add);
    if (estate.detection() != null) {
      tables.addAll(estate.detection().replicatedTables());
    }
    if (estate.pins() != null) {
      findings.add(table(region, estate.pins().table(), estate.pins().index()));
      tables.remove(estate.pins().table());
    }
    tables.forEach(table -> findings.add(table(region, table, null)));
    for (Fleet single : singles(estate.fleet(region))) {
      findings.add(fleetResource(region, single));
    }
    findings.add(parameter(region, estate.flags().writesEnabledParameter(region)));
    for (QueueRef queue : estate.queues(region)) {
      findings.add(queue(region, queue.queue()));
      if (queue.deadLetterQueue() != null) {
        findings.add(queue(region, queue.deadLetterQueue()));
      }
    }
    return Probes.logged("Resources in " + region, findings);
  }

  /** A DynamoDB table, and the index a re-pin queries when {@code index} is set. */
  private Finding table(String region, String table, String index) {
    String resource = "DynamoDB table " + table + " in " + region;
    String expected = index == null ? "the table exists" : "the table exists with index " + index;
    return probe(
        CHECK_TABLE,
        resource,
        expected,
        () -> {
          Optional<TableDescription> found = tables.find(region, table);
          if (found.isEmpty()) {
            return Finding.fail(CHECK_TABLE, resource, "no such table", expected);
          }
          TableDescription description = found.get();
          String observed = "status " + description.tableStatusAsString();
          if (index == null) {
            return Finding.pass(CHECK_TABLE, resource, observed, expected);
          }
          List<String> indexes =
              description.globalSecondaryIndexes().stream()
                  .map(GlobalSecondaryIndexDescription::indexName)
                  .toList();
          return indexes.contains(index)
              ? Finding.pass(CHECK_TABLE, resource, observed + ", index " + index, expected)
              : Finding.fail(
                  CHECK_TABLE,
                  resource,
                  observed + ", no index " + index + " (indexes " + indexes + ")",
                  expected);
        });
  }

  /** The fleet as fleets of one resource each, in the estate's order. */
  private static List<Fleet> singles(Fleet fleet) {
    List<Fleet> singles = new ArrayList<>();
    for (EcsServiceRef service : fleet.ecsServices()) {
      singles.add(new Fleet(List.of(service), List.of(), List.of(), List.of(), List.of()));
    }
    for (String group : fleet.autoScalingGroups()) {
      singles.add(new Fleet(List.of(), List.of(group), List.of(), List.of(), List.of()));
    }
    for (EventSourceMappingRef mapping : fleet.lambdaEventSourceMappings()) {
      singles.add(new Fleet(List.of(), List.of(), List.of(mapping), List.of(), List.of()));
    }
    for (EventBridgeRuleRef rule : fleet.eventBridgeRules()) {
      singles.add(new Fleet(List.of(), List.of(), List.of(), List.of(rule), List.of()));
    }
    for (ScheduleRef schedule : fleet.schedules()) {
      singles.add(new Fleet(List.of(), List.of(), List.of(), List.of(), List.of(schedule)));
    }
    return singles;
  }

  /** One fleet resource, read as a failover reads it; the observed value is its state. */
  private Finding fleetResource(String region, Fleet single) {
    String check;
    String resource;
    if (!single.ecsServices().isEmpty()) {
      EcsServiceRef service = single.ecsServices().get(0);
      check = CHECK_ECS_SERVICE;
      resource = "ECS service " + service.cluster() + "/" + service.service();
    } else if (!single.autoScalingGroups().isEmpty()) {
      check = CHECK_ASG;
      resource = "Auto Scaling group " + single.autoScalingGroups().get(0);
    } else if (!single.lambdaEventSourceMappings().isEmpty()) {
      EventSourceMappingRef mapping = single.lambdaEventSourceMappings().get(0);
      check = CHECK_EVENT_SOURCE_MAPPING;
      resource =
          "event source mapping of " + mapping.function() + " from " + mapping.eventSourceArn();
    } else if (!single.eventBridgeRules().isEmpty()) {
      EventBridgeRuleRef rule = single.eventBridgeRules().get(0);
      check = CHECK_RULE;
      resource = "EventBridge rule " + rule.name() + " on bus " + rule.eventBus();
    } else {
      ScheduleRef schedule = single.schedules().get(0);
      check = CHECK_SCHEDULE;
      resource = "schedule " + schedule.name() + " in group " + schedule.group();
    }
    String in = resource + " in " + region;
    String expected = "exists in " + region;
    return probe(
        check,
        in,
        expected,
        () -> Finding.pass(check, in, state(fleets.snapshot(region, single)), expected));
  }

  private static String state(FleetCapacity read) {
    if (!read.ecsServices().isEmpty()) {
      return read.ecsServices().get(0).desiredCount() + " desired task(s)";
    }
    if (!read.autoScalingGroups().isEmpty()) {
      return "min/max/desired " + CapacityChecks.sizes(read.autoScalingGroups().get(0));
    }
    if (!read.eventSourceMappings().isEmpty()) {
      return enabled(read.eventSourceMappings().get(0).enabled());
    }
    if (!read.eventBridgeRules().isEmpty()) {
      return enabled(read.eventBridgeRules().get(0).enabled());
    }
    return enabled(read.schedules().get(0).enabled());
  }

  private static String enabled(boolean enabled) {
    return enabled ? "enabled" : "disabled";
  }

  private Finding parameter(String region, String name) {
    return Probes.exists(
        CHECK_PARAMETER,
        "SSM parameter " + name + " in " + region,
        "no such parameter",
        () -> parameters.find(region, name).map(value -> "value " + value));
  }

  private Finding queue(String region, String name) {
    return Probes.exists(
        CHECK_QUEUE,
        "SQS queue " + name + " in " + region,
        "no such queue",
        () -> queues.url(region, name));
  }

  @Override
  public Finding credentials(CredentialsRequest request) {
    String region = request.region();
    String resource = "STS GetCallerIdentity in " + region;
    String expected = "the worker's credentials are accepted in " + region;
    Finding finding =
        probe(
            CHECK_CREDENTIALS,
            resource,
            expected,
            () -> {
              GetCallerIdentityResponse identity = clients.sts(region).getCallerIdentity(b -> {});
              return Finding.pass(
                  CHECK_CREDENTIALS,
                  resource,
                  "account " + identity.account() + " as " + identity.arn(),
                  expected);
            });
    log.info("Readiness: {}", finding.describe());
    return finding;
  }

  @Override
  public List<Finding> traffic(TrafficCheckRequest request) {
    return traffic.check(request);
  }
}
