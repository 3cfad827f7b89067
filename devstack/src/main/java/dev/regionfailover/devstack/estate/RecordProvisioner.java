package dev.regionfailover.devstack.estate;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.HostedZone;
import dev.regionfailover.workflows.estate.Route53Traffic;
import dev.regionfailover.workflows.estate.WriterRecord;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Creates the estate's Route 53 records, their hosted zones where missing: the client-facing record
 * pointing at the writer region, and the Aurora writer record pointing at the writer's endpoint.
 */
final class RecordProvisioner {

  private static final Logger log = LoggerFactory.getLogger(RecordProvisioner.class);
  private static final long WEIGHT_ON = 100;

  private final EmulatorClients clients;

  RecordProvisioner(EmulatorClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  void provision(Estate estate, String writer, String writerEndpoint) {
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
}
