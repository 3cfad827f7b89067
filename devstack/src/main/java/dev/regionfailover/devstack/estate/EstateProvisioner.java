package dev.regionfailover.devstack.estate;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.Detection;
import dev.regionfailover.workflows.estate.EcsServiceRef;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.Fleet;
import dev.regionfailover.workflows.estate.Guards;
import dev.regionfailover.workflows.estate.HostedZone;
import dev.regionfailover.workflows.estate.Pins;
import dev.regionfailover.workflows.estate.QueueRef;
import dev.regionfailover.workflows.estate.ReplicatedTable;
import dev.regionfailover.workflows.estate.Route53Traffic;
import dev.regionfailover.workflows.estate.WriterRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.rds.RdsClient;
import software.amazon.awssdk.services.rds.model.DBCluster;
import software.amazon.awssdk.services.rds.model.DbClusterNotFoundException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * Creates in the emulator every resource an estate names, in the state of a healthy application
 * whose first region ({@code regions[0]}) holds write authority: traffic and the writer record
 * point there, its Aurora cluster is the global writer, its fleets and background workers run and
 * its writes are enabled, while the other regions stand by with their workers disabled. ARC routing
 * controls and Global Accelerator endpoint groups, which only the AWS stand-in serves, are
 * registered through its own API, so provisioning needs a stand-in, not plain moto, for estates
 * that use them. Guard parameters read the same everywhere. Tests and {@code ./failover dev} run it
 * once per fresh moto.
 */
public final class EstateProvisioner {

  /** The replication lag {@link #provision} publishes once. */
  public static final Duration INITIAL_LAG = Duration.ofMillis(800);

  /** The engine of the emulated global database. */
  public static final String ENGINE = "aurora-postgresql";

  /** The one engine version every emulated cluster runs, so that readiness checks pass. */
  public static final String ENGINE_VERSION = "15.4";

  /** The authority item's sort key; the contract with the authority activities. */
  public static final String AUTHORITY_SORT_KEY = "authority";

  /** The schema version every region's guard parameter holds, so that promotion guards pass. */
  public static final String SCHEMA_VERSION = "42";

  private static final Logger log = LoggerFactory.getLogger(EstateProvisioner.class);
  private static final String INSTANCE_CLASS = "db.r6g.large";
  private static final int WRITER_TASKS = 2;
  private static final int BATCH_SIZE = 25;
  private static final long WEIGHT_ON = 100;
  private static final double FULL_DIAL = 100;

  private final EmulatorClients clients;
  private final WorkerProvisioner workers;

  public EstateProvisioner(EmulatorClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
    this.workers = new WorkerProvisioner(clients);
  }

  /**
   * Creates the estate's resources with {@code regions[0]} as the writer region and seeds {@code
   * entities} pinned entities into every region's pins table.
   */
  public void provision(Estate estate, int entities) {
    requireNonNull(estate, "estate is null");
    if (entities < 0) {
      throw new IllegalArgumentException("entities is negative: " + entities);
    }
    String writer = estate.regions().get(0);
    log.info("Provisioning estate {} in the emulator with writer region {}", estate.app(), writer);
    String writerEndpoint = provisionAurora(estate);
    provisionRoute53(estate, writer, writerEndpoint);
    provisionArc(estate, writer);
    provisionGlobalAccelerator(estate, writer);
    for (String region : estate.regions()) {
      provisionAuthority(estate, region, writer);
      if (estate.pins() != null) {
        provisionPins(estate, region, entities);
      }
      provisionFleet(estate, region, region.equals(writer));
      workers.provision(estate, region, region.equals(writer));
      provisionGuards(estate.guards(), region);
      provisionQueues(estate, region);
      provisionReplicatedTables(estate, region);
      clients
          .ssm(region)
          .putParameter(
              r ->
                  r.name(estate.flags().writesEnabledParameter(region))
                      .type(ParameterType.STRING)
                      .value(Boolean.toString(region.equals(writer)))
                      .overwrite(true));
    }
    publishLag(estate, INITIAL_LAG);
    if (estate.detection() != null) {
      provisionAlarms(estate.detection());
      provisionHealthChecks(estate.detection());
    }
    log.info("Estate {} provisioned", estate.app());
  }

  /**
   * Sets the guard parameters of {@code region} to values that let a promotion proceed: the same
   * schema version everywhere, and no migration in progress. Existing values are kept, so that a
   * second run does not undo what a test or operator set.
   */
  private void provisionGuards(Guards guards, String region) {
    putIfMissing(region, Guards.inRegion(guards.schemaVersionParameter(), region), SCHEMA_VERSION);
    putIfMissing(region, Guards.inRegion(guards.migrationInProgressParameter(), region), "false");
  }

  private void putIfMissing(String region, String name, String value) {
    if (name == null) {
      return;
    }
    try {
      clients
          .ssm(region)
          .putParameter(r -> r.name(name).type(ParameterType.STRING).value(value).overwrite(false));
    } catch (ParameterAlreadyExistsException e) {
      log.info("Guard parameter {} already exists in {}", name, region);
    }
  }

  /**
   * Publishes one {@code AuroraGlobalDBRPOLag} datapoint of {@code lag} for every cluster of the
   * estate, in the cluster's region, timestamped now.
   */
  public void publishLag(Estate estate, Duration lag) {
    requireNonNull(estate, "estate is null");
    requireNonNull(lag, "lag is null");
    Instant now = Instant.now();
    estate
        .aurora()
        .clusters()
        .forEach(
            (region, arn) ->
                clients
                    .cloudWatch(region)
                    .putMetricData(
                        r ->
                            r.namespace("AWS/RDS")
                                .metricData(
                                    MetricDatum.builder()
                                        .metricName("AuroraGlobalDBRPOLag")
                                        .dimensions(
                                            Dimension.builder()
                                                .name("DBClusterIdentifier")
                                                .value(clusterId(arn))
                                                .build())
                                        .unit(StandardUnit.MILLISECONDS)
                                        .value((double) lag.toMillis())
                                        .timestamp(now)
                                        .build())));
  }

  /**
   * Creates the CloudWatch alarms the estate's detection section names, in their regions, each in
   * state OK. moto never evaluates alarms, so their state changes only through SetAlarmState.
   */
  private void provisionAlarms(Detection detection) {
    detection
        .alarms()
        .forEach(
            (region, names) -> {
              for (String name : names) {
                clients
                    .cloudWatch(region)
                    .putMetricAlarm(
                        r ->
                            r.alarmName(name)
                                .namespace("AWS/ApplicationELB")
                                .metricName("HTTPCode_Target_5XX_Count")
                                .statistic(Statistic.SUM)
                                .period(60)
                                .evaluationPeriods(1)
                                .threshold(10.0)
                                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD));
                clients
                    .cloudWatch(region)
                    .setAlarmState(
                        r ->
                            r.alarmName(name)
                                .stateValue(StateValue.OK)
                                .stateReason("provisioned healthy"));
              }
            });
    log.info("Alarms registered: {}", detection.alarms());
  }

  /**
   * Registers the health checks the estate's detection section names as healthy in the AWS
   * stand-in: moto chooses the ids of the health checks it creates, so it cannot create the ones an
   * estate names, and it reports every check healthy anyway.
   */
  private void provisionHealthChecks(Detection detection) {
    detection
        .healthChecks()
        .values()
        .forEach(id -> clients.standInApi().putHealthCheckStatus(id, true));
    log.info("Health checks registered healthy: {}", detection.healthChecks());
  }

  /** The identifier of a DB cluster: the last segment of its ARN. */
  public static String clusterId(String clusterArn) {
    return clusterArn.substring(clusterArn.lastIndexOf(':') + 1);
  }

  /** Creates the global cluster and its members, writer first; returns the writer's endpoint. */
  private String provisionAurora(Estate estate) {
    String globalCluster = estate.aurora().globalCluster();
    List<String> regions = estate.regions();
    RdsClient primaryRds = clients.rds(regions.get(0));
    boolean exists =
        primaryRds.describeGlobalClusters(r -> {}).globalClusters().stream()
            .anyMatch(
                existing -> existing.globalClusterIdentifier().equalsIgnoreCase(globalCluster));
    if (!exists) {
      primaryRds.createGlobalCluster(
          r ->
              r.globalClusterIdentifier(globalCluster)
                  .engine(ENGINE)
                  .engineVersion(ENGINE_VERSION));
    }
    // moto makes the first member of a global cluster its writer, so the primary goes first.
    Map<String, DBCluster> created = new HashMap<>();
    for (String region : regions) {
      String arn = estate.aurora().cluster(region);
      DBCluster cluster = createMemberCluster(region, arn, globalCluster, created.isEmpty());
      if (!cluster.dbClusterArn().equals(arn)) {
        throw new IllegalStateException(
            "estate "
                + estate.app()
                + " names cluster "
                + arn
                + " in "
                + region
                + ", but the emulator created "
                + cluster.dbClusterArn()
                + "; use the emulator's account 123456789012 and the cluster's own region in the"
                + " ARN");
      }
      created.put(region, cluster);
    }
    List<String> versions =
        created.values().stream().map(DBCluster::engineVersion).distinct().toList();
    if (versions.size() != 1) {
      throw new IllegalStateException(
          "the emulator reports different engine versions for the clusters of "
              + globalCluster
              + ": "
              + versions);
    }
    String endpoint = created.get(regions.get(0)).endpoint();
    log.info(
        "Aurora global cluster {} has {} members; writer endpoint {}",
        globalCluster,
        created.size(),
        endpoint);
    return endpoint;
  }

  private DBCluster createMemberCluster(
      String region, String arn, String globalCluster, boolean primary) {
    RdsClient rds = clients.rds(region);
    String id = clusterId(arn);
    Optional<DBCluster> existing = describeCluster(rds, id);
    if (existing.isPresent()) {
      return existing.get();
    }
    rds.createDBCluster(
        r -> {
          r.dbClusterIdentifier(id)
              .engine(ENGINE)
              .engineVersion(ENGINE_VERSION)
              .globalClusterIdentifier(globalCluster);
          // Secondaries of a global database take their credentials from the primary.
          if (primary) {
            r.masterUsername("postgres").masterUserPassword("emulator-only-password");
          }
        });
    rds.createDBInstance(
        r ->
            r.dbInstanceIdentifier(id + "-1")
                .dbClusterIdentifier(id)
                .engine(ENGINE)
                .dbInstanceClass(INSTANCE_CLASS));
    return describeCluster(rds, id)
        .orElseThrow(
            () ->
                new IllegalStateException("the emulator lost DB cluster " + id + " in " + region));
  }

  private static Optional<DBCluster> describeCluster(RdsClient rds, String id) {
    try {
      return rds.describeDBClusters(r -> r.dbClusterIdentifier(id)).dbClusters().stream()
          .findFirst();
    } catch (DbClusterNotFoundException e) {
      return Optional.empty();
    }
  }

  private void provisionRoute53(Estate estate, String writer, String writerEndpoint) {
    if (estate.traffic() != null && estate.traffic().route53() != null) {
      provisionClientRecord(estate, writer, estate.traffic().route53());
    }
    WriterRecord writerRecord = estate.aurora().writerRecord();
    upsertCname(
        zoneId(writerRecord.zone(), "aurora.writerRecord"),
        writerRecord.name(),
        writerRecord.ttl(),
        writerEndpoint,
        record -> {});
  }

  /**
   * Points the client-facing record at the writer region: one CNAME for SIMPLE routing; for
   * WEIGHTED, one CNAME per region (set identifier = region) weighted 100 in the writer region and
   * 0 elsewhere.
   */
  private void provisionClientRecord(Estate estate, String writer, Route53Traffic traffic) {
    String zoneId = zoneId(traffic.zone(), "traffic.route53");
    switch (traffic.routing()) {
      case SIMPLE ->
          upsertCname(
              zoneId, traffic.recordName(), traffic.ttl(), traffic.targets().get(writer), r -> {});
      case WEIGHTED ->
          traffic
              .targets()
              .forEach(
                  (region, target) ->
                      upsertCname(
                          zoneId,
                          traffic.recordName(),
                          traffic.ttl(),
                          target,
                          record ->
                              record
                                  .setIdentifier(region)
                                  .weight(region.equals(writer) ? WEIGHT_ON : 0L)));
      case FAILOVER ->
          // moto chooses the ids of the health checks it creates, so it cannot create the ones an
          // estate names, and failover records naming other checks would not be what it shifts.
          log.warn(
              "Estate {} routes {} by FAILOVER with health checks {}; the emulator cannot create"
                  + " health checks with chosen ids, so the record is not provisioned",
              estate.app(),
              traffic.recordName(),
              traffic.healthChecks());
    }
  }

  /**
   * Registers the estate's ARC routing controls in the AWS stand-in, the writer region's On and
   * every other Off.
   */
  private void provisionArc(Estate estate, String writer) {
    if (estate.traffic() == null || estate.traffic().arc() == null) {
      return;
    }
    estate
        .traffic()
        .arc()
        .routingControls()
        .forEach(
            (region, arn) -> clients.standInApi().putRoutingControl(arn, region.equals(writer)));
    log.info(
        "Routing controls of {} registered: {}",
        estate.app(),
        estate.traffic().arc().routingControls());
  }

  /**
   * Registers the estate's Global Accelerator endpoint groups in the AWS stand-in, the writer
   * region's dialled to 100 and every other to 0.
   */
  private void provisionGlobalAccelerator(Estate estate, String writer) {
    if (estate.traffic() == null || estate.traffic().globalAccelerator() == null) {
      return;
    }
    estate
        .traffic()
        .globalAccelerator()
        .endpointGroups()
        .forEach(
            (region, arn) ->
                clients
                    .standInApi()
                    .putEndpointGroup(arn, region, region.equals(writer) ? FULL_DIAL : 0));
    log.info(
        "Endpoint groups of {} registered: {}",
        estate.app(),
        estate.traffic().globalAccelerator().endpointGroups());
  }

  /** The id of the hosted zone named {@code zone.name()}, creating the zone when it is missing. */
  private String zoneId(HostedZone zone, String path) {
    if (zone.name() == null) {
      throw new IllegalStateException(
          path
              + " names hosted zone "
              + zone.id()
              + " by id, but the emulator cannot create a zone with a chosen id; name the zone"
              + " with hostedZoneName instead");
    }
    Route53Client route53 = clients.route53();
    String name = zone.name().endsWith(".") ? zone.name() : zone.name() + ".";
    return route53.listHostedZonesByName(r -> r.dnsName(name)).hostedZones().stream()
        .filter(existing -> existing.name().equals(name))
        .findFirst()
        // The SDK strips "/hostedzone/" from the ids of most responses, but not from these.
        .map(existing -> existing.id().substring(existing.id().lastIndexOf('/') + 1))
        .orElseGet(
            () ->
                route53
                    .createHostedZone(
                        r -> r.name(name).callerReference("devstack-" + UUID.randomUUID()))
                    .hostedZone()
                    .id());
  }

  private void upsertCname(
      String zoneId,
      String name,
      long ttl,
      String value,
      Consumer<ResourceRecordSet.Builder> routing) {
    ResourceRecordSet.Builder record =
        ResourceRecordSet.builder()
            .name(name)
            .type(RRType.CNAME)
            .ttl(ttl)
            .resourceRecords(ResourceRecord.builder().value(value).build());
    routing.accept(record);
    clients
        .route53()
        .changeResourceRecordSets(
            r ->
                r.hostedZoneId(zoneId)
                    .changeBatch(
                        b ->
                            b.changes(
                                Change.builder()
                                    .action(ChangeAction.UPSERT)
                                    .resourceRecordSet(record.build())
                                    .build())));
  }

  private void provisionAuthority(Estate estate, String region, String writer) {
    DynamoDbClient dynamo = clients.dynamo(region);
    String table = estate.authority().table();
    createTableIfMissing(
        dynamo,
        CreateTableRequest.builder()
            .tableName(table)
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
            .attributeDefinitions(stringAttribute("pk"), stringAttribute("sk"))
            .build());
    Map<String, AttributeValue> item =
        Map.of(
            "pk", AttributeValue.fromS(estate.app()),
            "sk", AttributeValue.fromS(AUTHORITY_SORT_KEY),
            "writerRegion", AttributeValue.fromS(writer),
            "epoch", AttributeValue.fromN("1"),
            "state", AttributeValue.fromS("ACTIVE"),
            "workflowId", AttributeValue.fromS("provisioned"),
            "updatedAt", AttributeValue.fromS(Instant.now().toString()),
            "reason", AttributeValue.fromS("initial state"));
    try {
      dynamo.putItem(
          r -> r.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    } catch (ConditionalCheckFailedException e) {
      log.info("Authority item of {} already exists in {} {}", estate.app(), region, table);
    }
  }

  private void provisionPins(Estate estate, String region, int entities) {
    Pins pins = estate.pins();
    DynamoDbClient dynamo = clients.dynamo(region);
    createTableIfMissing(
        dynamo,
        CreateTableRequest.builder()
            .tableName(pins.table())
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .keySchema(key("id", KeyType.HASH))
            .attributeDefinitions(
                stringAttribute("id"), stringAttribute(pins.homeRegionAttribute()))
            .globalSecondaryIndexes(
                GlobalSecondaryIndex.builder()
                    .indexName(pins.index())
                    .keySchema(key(pins.homeRegionAttribute(), KeyType.HASH))
                    .projection(Projection.builder().projectionType(ProjectionType.ALL).build())
                    .build())
            .build());
    List<String> regions = estate.regions();
    List<WriteRequest> batch = new ArrayList<>(BATCH_SIZE);
    for (int i = 1; i <= entities; i++) {
      Map<String, AttributeValue> item = new HashMap<>();
      item.put("id", AttributeValue.fromS(entityId(i)));
      // Odd entities live in the first region, even ones in the second.
      item.put(pins.homeRegionAttribute(), AttributeValue.fromS(regions.get((i - 1) % 2)));
      if (pins.versionAttribute() != null) {
        item.put(pins.versionAttribute(), AttributeValue.fromN("1"));
      }
      batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
      if (batch.size() == BATCH_SIZE || i == entities) {
        writeBatch(dynamo, pins.table(), batch);
        batch = new ArrayList<>(BATCH_SIZE);
      }
    }
    log.info("Seeded {} entities into {} {}", entities, region, pins.table());
  }

  /** The hash key of every replicated table the provisioner creates. */
  public static final String REPLICATED_TABLE_KEY = "id";

  /**
   * Creates the estate's queues of {@code region} and their dead-letter queues, empty. SQS returns
   * the existing queue when one of the same name exists.
   */
  private void provisionQueues(Estate estate, String region) {
    for (QueueRef queue : estate.queues(region)) {
      clients.sqs(region).createQueue(r -> r.queueName(queue.queue()));
      if (queue.deadLetterQueue() != null) {
        clients.sqs(region).createQueue(r -> r.queueName(queue.deadLetterQueue()));
      }
    }
  }

  /**
   * Creates the regional replica of each table reconciliation compares, keyed on {@link
   * #REPLICATED_TABLE_KEY}. moto does not replicate global tables, so each region's replica is a
   * table of its own that tests write directly.
   */
  private void provisionReplicatedTables(Estate estate, String region) {
    for (ReplicatedTable table : estate.reconcile().tables()) {
      createTableIfMissing(
          clients.dynamo(region),
          CreateTableRequest.builder()
              .tableName(table.table())
              .billingMode(BillingMode.PAY_PER_REQUEST)
              .keySchema(key(REPLICATED_TABLE_KEY, KeyType.HASH))
              .attributeDefinitions(stringAttribute(REPLICATED_TABLE_KEY))
              .build());
    }
  }

  /** The id of the {@code n}th seeded entity, counting from 1: {@code tenant-00001}. */
  public static String entityId(int n) {
    return String.format("tenant-%05d", n);
  }

  private static void writeBatch(DynamoDbClient dynamo, String table, List<WriteRequest> batch) {
    Map<String, List<WriteRequest>> pending = Map.of(table, batch);
    while (!pending.isEmpty()) {
      Map<String, List<WriteRequest>> request = pending;
      pending = dynamo.batchWriteItem(r -> r.requestItems(request)).unprocessedItems();
    }
  }

  private static void createTableIfMissing(DynamoDbClient dynamo, CreateTableRequest request) {
    try {
      dynamo.describeTable(r -> r.tableName(request.tableName()));
    } catch (ResourceNotFoundException e) {
      dynamo.createTable(request);
      dynamo.waiter().waitUntilTableExists(r -> r.tableName(request.tableName()));
    }
  }

  private void provisionFleet(Estate estate, String region, boolean writer) {
    Fleet fleet = estate.fleet(region);
    EcsClient ecs = clients.ecs(region);
    for (EcsServiceRef ref : fleet.ecsServices()) {
      boolean clusterExists =
          ecs.describeClusters(r -> r.clusters(ref.cluster())).clusters().stream()
              .anyMatch(cluster -> "ACTIVE".equals(cluster.status()));
      if (!clusterExists) {
        ecs.createCluster(r -> r.clusterName(ref.cluster()));
      }
      boolean exists =
          ecs
              .describeServices(r -> r.cluster(ref.cluster()).services(ref.service()))
              .services()
              .stream()
              .anyMatch(service -> "ACTIVE".equals(service.status()));
      if (exists) {
        continue;
      }
      String taskDefinition =
          ecs.registerTaskDefinition(
                  r ->
                      r.family(estate.app() + "-" + ref.service())
                          .containerDefinitions(
                              ContainerDefinition.builder()
                                  .name(ref.service())
                                  .image("busybox:1.36")
                                  .memory(128)
                                  .build()))
              .taskDefinition()
              .taskDefinitionArn();
      ecs.createService(
          r ->
              r.cluster(ref.cluster())
                  .serviceName(ref.service())
                  .taskDefinition(taskDefinition)
                  .desiredCount(writer ? WRITER_TASKS : 0));
    }
    if (fleet.autoScalingGroups().isEmpty()) {
      return;
    }
    String launchTemplate = launchTemplate(estate, region);
    AutoScalingClient autoScaling = clients.autoScaling(region);
    for (String group : fleet.autoScalingGroups()) {
      boolean exists =
          !autoScaling
              .describeAutoScalingGroups(r -> r.autoScalingGroupNames(group))
              .autoScalingGroups()
              .isEmpty();
      if (exists) {
        continue;
      }
      autoScaling.createAutoScalingGroup(
          r ->
              r.autoScalingGroupName(group)
                  .launchTemplate(t -> t.launchTemplateName(launchTemplate).version("$Latest"))
                  .availabilityZones(region + "a")
                  .minSize(writer ? 1 : 0)
                  .maxSize(writer ? 4 : 0)
                  .desiredCapacity(writer ? 2 : 0));
    }
  }

  /** The launch template the estate's Auto Scaling groups in {@code region} start from. */
  private String launchTemplate(Estate estate, String region) {
    String name = estate.app() + "-fleet";
    Ec2Client ec2 = clients.ec2(region);
    boolean exists =
        !ec2.describeLaunchTemplates(
                r -> r.filters(f -> f.name("launch-template-name").values(name)))
            .launchTemplates()
            .isEmpty();
    if (!exists) {
      ec2.createLaunchTemplate(
          r ->
              r.launchTemplateName(name)
                  .launchTemplateData(d -> d.imageId("ami-12c6146b").instanceType("t3.micro")));
    }
    return name;
  }

  private static KeySchemaElement key(String name, KeyType type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  private static AttributeDefinition stringAttribute(String name) {
    return AttributeDefinition.builder()
        .attributeName(name)
        .attributeType(ScalarAttributeType.S)
        .build();
  }
}
