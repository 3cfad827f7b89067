package dev.regionfailover.activities.readiness;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.activities.dns.Route53Records;
import dev.regionfailover.activities.fleet.FleetActivitiesImpl;
import dev.regionfailover.activities.traffic.TrafficActivitiesImpl;
import dev.regionfailover.workflows.estate.EcsServiceRef;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EventBridgeRuleRef;
import dev.regionfailover.workflows.estate.EventSourceMappingRef;
import dev.regionfailover.workflows.estate.Fleet;
import dev.regionfailover.workflows.estate.QueueRef;
import dev.regionfailover.workflows.estate.ReplicatedTable;
import dev.regionfailover.workflows.estate.Route53Traffic;
import dev.regionfailover.workflows.estate.RoutingPolicy;
import dev.regionfailover.workflows.estate.ScheduleRef;
import dev.regionfailover.workflows.estate.Traffic;
import dev.regionfailover.workflows.estate.TrafficLayer;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.fleet.AsgCapacity;
import dev.regionfailover.workflows.fleet.EcsCapacity;
import dev.regionfailover.workflows.fleet.FleetActivities;
import dev.regionfailover.workflows.fleet.FleetCapacity;
import dev.regionfailover.workflows.fleet.FleetRequest;
import dev.regionfailover.workflows.readiness.CapacityRequest;
import dev.regionfailover.workflows.readiness.CredentialsRequest;
import dev.regionfailover.workflows.readiness.ReadinessActivities;
import dev.regionfailover.workflows.readiness.ResourcesRequest;
import dev.regionfailover.workflows.readiness.TrafficCheckRequest;
import dev.regionfailover.workflows.traffic.LayerRequest;
import dev.regionfailover.workflows.traffic.TrafficActivities;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.route53.model.NoSuchHealthCheckException;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The readiness checks that no other capability makes: target capacity, the existence of every
 * resource an estate names, credentials in every region, and the traffic layers. Reads only. Fleet
 * and traffic-layer reads go through {@link FleetActivitiesImpl} and {@link TrafficActivitiesImpl},
 * so that readiness finds a resource exactly as a failover will.
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
  private static final String EXISTS = "exists";

  private final AwsClients clients;
  private final FleetActivities fleets;
  private final TrafficActivities traffic;
  private final Route53Records records;

  @Inject
  public ReadinessActivitiesImpl(
      AwsClients clients, FleetActivitiesImpl fleets, TrafficActivitiesImpl traffic) {
    this.clients = requireNonNull(clients, "clients is null");
    this.fleets = requireNonNull(fleets, "fleets is null");
    this.traffic = requireNonNull(traffic, "traffic is null");
    this.records = new Route53Records(clients);
  }

  @Override
  public List<Finding> capacity(CapacityRequest request) {
    List<Finding> findings = new ArrayList<>();
    FleetCapacity source = workers(request.sourceRegion(), request.sourceFleet(), findings);
    FleetCapacity target = workers(request.targetRegion(), request.targetFleet(), findings);
    if (source != null && target != null) {
      int services = Math.min(source.ecsServices().size(), target.ecsServices().size());
      for (int i = 0; i < services; i++) {
        findings.add(
            ecsCapacity(request, source.ecsServices().get(i), target.ecsServices().get(i)));
      }
      int groups = Math.min(source.autoScalingGroups().size(), target.autoScalingGroups().size());
      for (int i = 0; i < groups; i++) {
        findings.add(
            asgCapacity(
                request, source.autoScalingGroups().get(i), target.autoScalingGroups().get(i)));
      }
    }
    return logged("Capacity", findings);
  }

  /**
   * The ECS services and Auto Scaling groups of a fleet as a failover reads them, or null with a
   * finding saying why they could not be read.
   */
  private FleetCapacity workers(String region, Fleet fleet, List<Finding> findings) {
    Fleet workers =
        new Fleet(fleet.ecsServices(), fleet.autoScalingGroups(), List.of(), List.of(), List.of());
    try {
      return fleets.snapshot(new FleetRequest(region, workers));
    } catch (ApplicationFailure | SdkException e) {
      findings.add(
          failure(
              CHECK_FLEET_READABLE,
              "ECS services and Auto Scaling groups in " + region,
              "every one readable",
              e));
      return null;
    }
  }

  /**
   * A standby is either stopped (0 tasks; ACTIVATE gives it the source's count) or sized to carry
   * the source's load. One in between was changed by hand, and an unplanned failover that cannot
   * read the source's count starts it at that size.
   */
  private static Finding ecsCapacity(
      CapacityRequest request, EcsCapacity source, EcsCapacity target) {
    String resource =
        "ECS service "
            + target.cluster()
            + "/"
            + target.service()
            + " in "
            + request.targetRegion()
            + " vs "
            + source.cluster()
            + "/"
            + source.service()
            + " in "
            + request.sourceRegion();
    String observed =
        target.desiredCount() + " desired task(s) vs the source's " + source.desiredCount();
    String expected =
        "0 (a stopped standby) or at least the source's " + source.desiredCount() + " tasks";
    return target.desiredCount() == 0 || target.desiredCount() >= source.desiredCount()
        ? Finding.pass(CHECK_ECS_CAPACITY, resource, observed, expected)
        : Finding.fail(CHECK_ECS_CAPACITY, resource, observed, expected);
  }

  /**
   * A stopped standby group (maximum 0) is scaled to the source's sizes by ACTIVATE; any other must
   * be able to grow to the source's desired capacity, and should be able to grow as far as it.
   */
  private static Finding asgCapacity(
      CapacityRequest request, AsgCapacity source, AsgCapacity target) {
    String resource =
        "Auto Scaling group "
            + target.name()
            + " in "
            + request.targetRegion()
            + " vs "
            + source.name()
            + " in "
            + request.sourceRegion();
    String observed =
        "min/max/desired "
            + sizes(target)
            + " vs the source's "
            + sizes(source)
            + (target.suspendedProcesses().isEmpty()
                ? ""
                : ", suspended " + target.suspendedProcesses());
    String expected =
        "maximum 0 (a stopped standby) or at least the source's desired "
            + source.desiredCapacity()
            + " (and its maximum "
            + source.maxSize()
            + ")";
    if (target.maxSize() == 0 || target.maxSize() >= source.maxSize()) {
      return Finding.pass(CHECK_ASG_CAPACITY, resource, observed, expected);
    }
    return target.maxSize() >= source.desiredCapacity()
        ? Finding.warn(CHECK_ASG_CAPACITY, resource, observed, expected)
        : Finding.fail(CHECK_ASG_CAPACITY, resource, observed, expected);
  }

  private static String sizes(AsgCapacity group) {
    return group.minSize() + "/" + group.maxSize() + "/" + group.desiredCapacity();
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
    Fleet fleet = estate.fleet(region);
    for (EcsServiceRef service : fleet.ecsServices()) {
      findings.add(
          fleetResource(
              CHECK_ECS_SERVICE,
              "ECS service " + service.cluster() + "/" + service.service() + " in " + region,
              region,
              new Fleet(List.of(service), List.of(), List.of(), List.of(), List.of())));
    }
    for (String group : fleet.autoScalingGroups()) {
      findings.add(
          fleetResource(
              CHECK_ASG,
              "Auto Scaling group " + group + " in " + region,
              region,
              new Fleet(List.of(), List.of(group), List.of(), List.of(), List.of())));
    }
    for (EventSourceMappingRef mapping : fleet.lambdaEventSourceMappings()) {
      findings.add(
          fleetResource(
              CHECK_EVENT_SOURCE_MAPPING,
              "event source mapping of "
                  + mapping.function()
                  + " from "
                  + mapping.eventSourceArn()
                  + " in "
                  + region,
              region,
              new Fleet(List.of(), List.of(), List.of(mapping), List.of(), List.of())));
    }
    for (EventBridgeRuleRef rule : fleet.eventBridgeRules()) {
      findings.add(
          fleetResource(
              CHECK_RULE,
              "EventBridge rule " + rule.name() + " on bus " + rule.eventBus() + " in " + region,
              region,
              new Fleet(List.of(), List.of(), List.of(), List.of(rule), List.of())));
    }
    for (ScheduleRef schedule : fleet.schedules()) {
      findings.add(
          fleetResource(
              CHECK_SCHEDULE,
              "schedule " + schedule.name() + " in group " + schedule.group() + " in " + region,
              region,
              new Fleet(List.of(), List.of(), List.of(), List.of(), List.of(schedule))));
    }
    findings.add(parameter(region, estate.flags().writesEnabledParameter(region)));
    for (QueueRef queue : estate.queues(region)) {
      findings.add(queue(region, queue.queue()));
      if (queue.deadLetterQueue() != null) {
        findings.add(queue(region, queue.deadLetterQueue()));
      }
    }
    return logged("Resources in " + region, findings);
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
          TableDescription description;
          try {
            description = clients.dynamo(region).describeTable(b -> b.tableName(table)).table();
          } catch (software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException e) {
            return Finding.fail(CHECK_TABLE, resource, "no such table", expected);
          }
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

  /** One fleet resource, read as a failover reads it; the observed value is its state. */
  private Finding fleetResource(String check, String resource, String region, Fleet only) {
    String expected = "exists in " + region;
    return probe(
        check,
        resource,
        expected,
        () -> {
          FleetCapacity read = fleets.snapshot(new FleetRequest(region, only));
          return Finding.pass(check, resource, state(read), expected);
        });
  }

  private static String state(FleetCapacity read) {
    if (!read.ecsServices().isEmpty()) {
      return read.ecsServices().get(0).desiredCount() + " desired task(s)";
    }
    if (!read.autoScalingGroups().isEmpty()) {
      return "min/max/desired " + sizes(read.autoScalingGroups().get(0));
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
    String resource = "SSM parameter " + name + " in " + region;
    String expected = EXISTS;
    return probe(
        CHECK_PARAMETER,
        resource,
        expected,
        () -> {
          try {
            String value = clients.ssm(region).getParameter(b -> b.name(name)).parameter().value();
            return Finding.pass(CHECK_PARAMETER, resource, "value " + value, expected);
          } catch (ParameterNotFoundException e) {
            return Finding.fail(CHECK_PARAMETER, resource, "no such parameter", expected);
          }
        });
  }

  private Finding queue(String region, String name) {
    String resource = "SQS queue " + name + " in " + region;
    String expected = EXISTS;
    return probe(
        CHECK_QUEUE,
        resource,
        expected,
        () -> {
          try {
            String url = clients.sqs(region).getQueueUrl(b -> b.queueName(name)).queueUrl();
            return Finding.pass(CHECK_QUEUE, resource, url, expected);
          } catch (QueueDoesNotExistException e) {
            return Finding.fail(CHECK_QUEUE, resource, "no such queue", expected);
          }
        });
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
    List<Finding> findings = new ArrayList<>();
    Traffic layers = request.traffic();
    if (layers != null) {
      for (TrafficLayer layer : layers.layers()) {
        if (layer == TrafficLayer.ROUTE53 && layers.route53().routing() == RoutingPolicy.SIMPLE) {
          findings.add(simpleRecord(layers.route53()));
          continue;
        }
        for (String region : request.regions()) {
          findings.add(layer(layers, layer, region));
        }
      }
    }
    if (request.detection() != null) {
      request
          .detection()
          .healthChecks()
          .forEach((region, id) -> findings.add(healthCheck(region, id)));
    }
    return logged("Traffic", findings);
  }

  /** A SIMPLE record is repointed by DNS: it must exist for SHIFT to change it. */
  private Finding simpleRecord(Route53Traffic route53) {
    String resource =
        "CNAME "
            + Route53Records.absolute(route53.recordName())
            + " in zone "
            + route53.zone().describe();
    String expected = "exists; SHIFT points it at one of " + route53.targets();
    return probe(
        CHECK_ROUTE53_RECORD,
        resource,
        expected,
        () -> {
          List<ResourceRecordSet> found =
              records.cnames(records.zoneId(route53.zone()), route53.recordName());
          if (found.isEmpty()) {
            return Finding.fail(CHECK_ROUTE53_RECORD, resource, "no such record", expected);
          }
          String value =
              found.get(0).resourceRecords().isEmpty()
                  ? "no value"
                  : found.get(0).resourceRecords().get(0).value();
          return Finding.pass(CHECK_ROUTE53_RECORD, resource, "points at " + value, expected);
        });
  }

  /** One region of a layer, read as SHIFT reads it. */
  private Finding layer(Traffic layers, TrafficLayer layer, String region) {
    String check =
        switch (layer) {
          case ARC -> CHECK_ARC;
          case GLOBAL_ACCELERATOR -> CHECK_GLOBAL_ACCELERATOR;
          case ROUTE53 -> CHECK_ROUTE53_LAYER;
        };
    String resource = layerResource(layers, layer, region);
    String expected = "answers, so that SHIFT can set and read it back";
    return probe(
        check,
        resource,
        expected,
        () -> {
          Double value =
              traffic.read(new LayerRequest(layers, layer, List.of(region))).values().get(region);
          return Finding.pass(check, resource, describe(layers, layer, value), expected);
        });
  }

  private static String layerResource(Traffic layers, TrafficLayer layer, String region) {
    return switch (layer) {
      case ARC -> "routing control " + layers.arc().routingControls().get(region) + " of " + region;
      case GLOBAL_ACCELERATOR ->
          "endpoint group "
              + layers.globalAccelerator().endpointGroups().get(region)
              + " of "
              + region;
      case ROUTE53 ->
          layers.route53().routing() == RoutingPolicy.FAILOVER
              ? "health check " + layers.route53().healthChecks().get(region) + " of " + region
              : "weighted record "
                  + Route53Records.absolute(layers.route53().recordName())
                  + " ("
                  + region
                  + ")";
    };
  }

  private static String describe(Traffic layers, TrafficLayer layer, Double value) {
    boolean on = value != null && value > 0;
    return switch (layer) {
      case ARC -> on ? "On" : "Off";
      case GLOBAL_ACCELERATOR -> "traffic dial " + value + "%";
      case ROUTE53 ->
          layers.route53().routing() == RoutingPolicy.FAILOVER
              ? on ? "exists, not inverted" : "exists, inverted"
              : "weight " + (value == null ? "none" : Math.round(value));
    };
  }

  /**
   * A health check the monitor samples, read the way the monitor reads it: its status, which also
   * proves that Route 53's checkers report on it.
   */
  private Finding healthCheck(String region, String id) {
    String resource = "Route 53 health check " + id + " of " + region;
    String expected = EXISTS;
    return probe(
        CHECK_DETECTION_HEALTH_CHECK,
        resource,
        expected,
        () -> {
          try {
            int checkers =
                clients
                    .route53()
                    .getHealthCheckStatus(b -> b.healthCheckId(id))
                    .healthCheckObservations()
                    .size();
            return Finding.pass(
                CHECK_DETECTION_HEALTH_CHECK,
                resource,
                "status reported by " + checkers + " checker(s)",
                expected);
          } catch (NoSuchHealthCheckException e) {
            return Finding.fail(
                CHECK_DETECTION_HEALTH_CHECK, resource, "no such health check", expected);
          }
        });
  }

  /**
   * Runs one check. What a failover would stop at becomes a FAIL finding with what AWS said:
   * non-retryable failures and unreachable regions. Throttling and server errors are thrown, so the
   * attempt is retried.
   */
  private static Finding probe(
      String check, String resource, String expected, Supplier<Finding> body) {
    try {
      return body.get();
    } catch (ApplicationFailure | SdkException e) {
      return failure(check, resource, expected, e);
    }
  }

  /** The FAIL finding of a failed read, or the failure itself when a retry may succeed. */
  private static Finding failure(
      String check, String resource, String expected, RuntimeException e) {
    if (e instanceof ApplicationFailure application) {
      if (!application.isNonRetryable()) {
        throw application;
      }
      return Finding.fail(check, resource, application.getOriginalMessage(), expected);
    }
    SdkException sdk = (SdkException) e;
    if (AwsFailures.isUnreachable(sdk)) {
      return Finding.fail(check, resource, "unreachable: " + AwsFailures.describe(sdk), expected);
    }
    if (AwsFailures.isRetryable(sdk)) {
      throw sdk;
    }
    return Finding.fail(check, resource, AwsFailures.describe(sdk), expected);
  }

  private static List<Finding> logged(String what, List<Finding> findings) {
    findings.forEach(f -> log.info("Readiness ({}): {}", what, f.describe()));
    return findings;
  }
}
