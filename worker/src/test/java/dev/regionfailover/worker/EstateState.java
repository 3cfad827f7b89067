package dev.regionfailover.worker;

import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.EcsServiceRef;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EventBridgeRuleRef;
import dev.regionfailover.workflows.estate.EventSourceMappingRef;
import dev.regionfailover.workflows.estate.ScheduleRef;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;
import software.amazon.awssdk.services.route53.model.HostedZone;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** Reads back, straight from the emulator, the AWS state of every resource an estate names. */
final class EstateState {

  private final EmulatorClients aws;
  private final Estate estate;

  EstateState(EmulatorClients aws, Estate estate) {
    this.aws = aws;
    this.estate = estate;
  }

  String cname(String zoneName, String recordName) {
    HostedZone zone =
        aws.route53().listHostedZonesByName(r -> r.dnsName(zoneName)).hostedZones().stream()
            .filter(z -> z.name().equals(zoneName))
            .findFirst()
            .orElseThrow();
    List<ResourceRecordSet> records =
        aws.route53()
            .listResourceRecordSets(
                r -> r.hostedZoneId(zone.id().substring(zone.id().lastIndexOf('/') + 1)))
            .resourceRecordSets();
    return records.stream()
        .filter(r -> r.name().equals(recordName + ".") && r.typeAsString().equals("CNAME"))
        .findFirst()
        .orElseThrow()
        .resourceRecords()
        .get(0)
        .value();
  }

  String trafficTarget() {
    return cname(estate.traffic().route53().zone().name(), estate.traffic().route53().recordName());
  }

  String writerRecord() {
    return cname(
        estate.aurora().writerRecord().zone().name(), estate.aurora().writerRecord().name());
  }

  Map<String, AttributeValue> ledger(String region) {
    return aws.dynamo(region)
        .getItem(
            r ->
                r.tableName(estate.authority().table())
                    .consistentRead(true)
                    .key(Map.of("pk", s(estate.app()), "sk", s("authority"))))
        .item();
  }

  long epoch(String region) {
    return Long.parseLong(ledger(region).get("epoch").n());
  }

  int auditRecords(String region) {
    return aws.dynamo(region)
        .query(
            r ->
                r.tableName(estate.authority().table())
                    .keyConditionExpression("pk = :app AND begins_with(sk, :audit)")
                    .expressionAttributeValues(
                        Map.of(":app", s(estate.app()), ":audit", s("audit#"))))
        .count();
  }

  int ecsDesired(String region) {
    EcsServiceRef service = estate.fleet(region).ecsServices().get(0);
    return aws.ecs(region)
        .describeServices(r -> r.cluster(service.cluster()).services(service.service()))
        .services()
        .get(0)
        .desiredCount();
  }

  AutoScalingGroup asg(String region) {
    String name = estate.fleet(region).autoScalingGroups().get(0);
    return aws.autoScaling(region)
        .describeAutoScalingGroups(r -> r.autoScalingGroupNames(name))
        .autoScalingGroups()
        .get(0);
  }

  String writesEnabled(String region) {
    return aws.ssm(region)
        .getParameter(r -> r.name(estate.flags().writesEnabledParameter(region)))
        .parameter()
        .value();
  }

  String auroraWriter() {
    return aws
        .rds(estate.regions().get(1))
        .describeGlobalClusters(r -> r.globalClusterIdentifier(estate.aurora().globalCluster()))
        .globalClusters()
        .get(0)
        .globalClusterMembers()
        .stream()
        .filter(GlobalClusterMember::isWriter)
        .map(GlobalClusterMember::dbClusterArn)
        .findFirst()
        .orElse(null);
  }

  String clusterEndpoint(String region) {
    String id =
        estate
            .aurora()
            .cluster(region)
            .substring(estate.aurora().cluster(region).lastIndexOf(':') + 1);
    return aws.rds(region)
        .describeDBClusters(r -> r.dbClusterIdentifier(id))
        .dbClusters()
        .get(0)
        .endpoint();
  }

  /** How many entities in a region's replica of the pins table have the given home. */
  int homedIn(String tableRegion, String home) {
    return aws.dynamo(tableRegion)
        .scan(
            r ->
                r.tableName(estate.pins().table())
                    .filterExpression("#home = :home")
                    .expressionAttributeNames(Map.of("#home", estate.pins().homeRegionAttribute()))
                    .expressionAttributeValues(Map.of(":home", s(home))))
        .count();
  }

  /** Whether the region's first event source mapping delivers events (moto's State). */
  String eventSourceMappingState(String region) {
    EventSourceMappingRef ref = estate.fleet(region).lambdaEventSourceMappings().get(0);
    return aws.lambda(region)
        .listEventSourceMappings(
            r -> r.functionName(ref.function()).eventSourceArn(ref.eventSourceArn()))
        .eventSourceMappings()
        .get(0)
        .state();
  }

  String ruleState(String region) {
    EventBridgeRuleRef ref = estate.fleet(region).eventBridgeRules().get(0);
    return aws.eventBridge(region)
        .describeRule(r -> r.eventBusName(ref.eventBus()).name(ref.name()))
        .stateAsString();
  }

  String scheduleState(String region) {
    ScheduleRef ref = estate.fleet(region).schedules().get(0);
    return aws.scheduler(region)
        .getSchedule(r -> r.groupName(ref.group()).name(ref.name()))
        .stateAsString();
  }

  /** The region's ARC routing control, read through the us-west-2 cluster endpoint. */
  String routingControl(String region) {
    String arn = estate.traffic().arc().routingControls().get(region);
    return aws.arc("us-west-2")
        .getRoutingControlState(r -> r.routingControlArn(arn))
        .routingControlStateAsString();
  }

  float trafficDial(String region) {
    String arn = estate.traffic().globalAccelerator().endpointGroups().get(region);
    return aws.globalAccelerator()
        .describeEndpointGroup(r -> r.endpointGroupArn(arn))
        .endpointGroup()
        .trafficDialPercentage();
  }

  List<String> suspendedProcesses(String region) {
    return asg(region).suspendedProcesses().stream().map(p -> p.processName()).sorted().toList();
  }

  /**
   * Every resource of the estate a failover changes, by name, except the ledger (whose epoch only
   * grows): two snapshots are equal when every resource is exactly as it was.
   */
  Map<String, String> resources() {
    Map<String, String> state = new TreeMap<>();
    state.put("traffic", trafficTarget());
    state.put("writer record", writerRecord());
    state.put("aurora writer", auroraWriter());
    for (String region : estate.regions()) {
      AutoScalingGroup group = asg(region);
      state.put(region + " routing control", routingControl(region));
      state.put(region + " traffic dial", Float.toString(trafficDial(region)));
      state.put(region + " ecs", Integer.toString(ecsDesired(region)));
      state.put(
          region + " asg",
          group.minSize()
              + "/"
              + group.maxSize()
              + "/"
              + group.desiredCapacity()
              + " "
              + suspendedProcesses(region));
      state.put(region + " event source mapping", eventSourceMappingState(region));
      state.put(region + " rule", ruleState(region));
      state.put(region + " schedule", scheduleState(region));
      state.put(region + " writes-enabled", writesEnabled(region));
      state.put(region + " ledger writer", String.valueOf(ledger(region).get("writerRegion")));
      state.put(region + " ledger state", ledger(region).get("state").s());
    }
    return state;
  }

  private static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }
}
