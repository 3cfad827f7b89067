package dev.regionfailover.starter.ui;

import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.EcsServiceRef;
import dev.regionfailover.workflows.estate.Estate;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.rds.model.GlobalClusterMember;
import software.amazon.awssdk.services.route53.model.HostedZone;

/**
 * Reads back from the emulator what a failover changes and a denial must restore: where traffic
 * goes, the Aurora writer, the authority ledger, both fleets and the writes-enabled flags. (The
 * worker module's tests read more; this is the minimum the UI test needs.)
 */
final class EstateReadback {

  private final EmulatorClients aws;
  private final Estate estate;

  EstateReadback(EmulatorClients aws, Estate estate) {
    this.aws = aws;
    this.estate = estate;
  }

  /**
   * Every resource by name, except the ledger's epoch, which only grows: two snapshots are equal
   * when all is as it was.
   */
  Map<String, String> snapshot() {
    Map<String, String> state = new TreeMap<>();
    state.put("traffic", trafficTarget());
    state.put("aurora writer", auroraWriter());
    for (String region : estate.regions()) {
      Map<String, AttributeValue> ledger = ledger(region);
      state.put(region + " ledger writer", ledger.get("writerRegion").s());
      state.put(region + " ledger state", ledger.get("state").s());
      state.put(region + " ecs desired", Integer.toString(ecsDesired(region)));
      AutoScalingGroup group = asg(region);
      state.put(
          region + " asg", group.minSize() + "/" + group.maxSize() + "/" + group.desiredCapacity());
      state.put(region + " writes-enabled", writesEnabled(region));
    }
    return state;
  }

  /** The CNAME of the app's traffic record. */
  String trafficTarget() {
    String zoneName = estate.traffic().route53().zone().name();
    String recordName = estate.traffic().route53().recordName() + ".";
    HostedZone zone =
        aws.route53().listHostedZonesByName(r -> r.dnsName(zoneName)).hostedZones().stream()
            .filter(z -> z.name().equals(zoneName))
            .findFirst()
            .orElseThrow();
    return aws
        .route53()
        .listResourceRecordSets(
            r -> r.hostedZoneId(zone.id().substring(zone.id().lastIndexOf('/') + 1)))
        .resourceRecordSets()
        .stream()
        .filter(r -> r.name().equals(recordName) && r.typeAsString().equals("CNAME"))
        .findFirst()
        .orElseThrow()
        .resourceRecords()
        .get(0)
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

  Map<String, AttributeValue> ledger(String region) {
    return aws.dynamo(region)
        .getItem(
            r ->
                r.tableName(estate.authority().table())
                    .consistentRead(true)
                    .key(
                        Map.of(
                            "pk",
                            AttributeValue.fromS(estate.app()),
                            "sk",
                            AttributeValue.fromS("authority"))))
        .item();
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
}
