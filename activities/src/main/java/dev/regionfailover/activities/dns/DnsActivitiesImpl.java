package dev.regionfailover.activities.dns;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.workflows.dns.DnsActivities;
import dev.regionfailover.workflows.dns.PointRecordRequest;
import dev.regionfailover.workflows.dns.RecordState;
import dev.regionfailover.workflows.estate.HostedZone;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** Points Route 53 CNAME records, waits until the change is in sync, and reads them back. */
public final class DnsActivitiesImpl implements DnsActivities {

  /** Failure type when the hosted zone named by the estate does not exist or is ambiguous. */
  public static final String ZONE_NOT_FOUND = "HostedZoneNotFound";

  private static final Logger log = LoggerFactory.getLogger(DnsActivitiesImpl.class);
  private static final String GLOBAL = "global";
  private static final String ZONE_ID_PREFIX = "/hostedzone/";

  private final AwsClients clients;
  private final Duration pollInterval;

  @Inject
  public DnsActivitiesImpl(AwsClients clients) {
    this(clients, Duration.ofSeconds(5));
  }

  /**
   * @param pollInterval how long to wait between looks at a change that is not in sync yet
   */
  public DnsActivitiesImpl(AwsClients clients, Duration pollInterval) {
    this.clients = requireNonNull(clients, "clients is null");
    this.pollInterval = requireNonNull(pollInterval, "pollInterval is null");
  }

  @Override
  public RecordState pointRecord(PointRecordRequest request) {
    String zoneId = zoneId(request.zone());
    String name = absolute(request.name());
    String where = "CNAME " + name + " in zone " + zoneId;
    Optional<ResourceRecordSet> current = record(zoneId, name);
    if (current.isPresent() && pointsAt(current.get(), request.value(), request.ttl())) {
      log.info("{} already points at {} (TTL {})", where, request.value(), request.ttl());
      return new RecordState(zoneId, name, request.value(), request.ttl(), false);
    }
    ChangeInfo change =
        AwsFailures.call(
            "ChangeResourceRecordSets",
            where,
            GLOBAL,
            () ->
                route53()
                    .changeResourceRecordSets(
                        b ->
                            b.hostedZoneId(zoneId)
                                .changeBatch(
                                    batch ->
                                        batch
                                            .comment("region-failover: point " + name)
                                            .changes(
                                                c ->
                                                    c.action(ChangeAction.UPSERT)
                                                        .resourceRecordSet(
                                                            r ->
                                                                r.name(name)
                                                                    .type(RRType.CNAME)
                                                                    .ttl(request.ttl())
                                                                    .resourceRecords(
                                                                        v ->
                                                                            v.value(
                                                                                request
                                                                                    .value()))))))
                    .changeInfo());
    log.info(
        "Upserted {} -> {} (was {}); change {}",
        where,
        request.value(),
        current.map(DnsActivitiesImpl::values).orElse(List.of()),
        change.id());
    awaitInSync(change, where);
    ResourceRecordSet readBack =
        record(zoneId, name)
            .orElseThrow(
                () ->
                    ApplicationFailure.newFailure(
                        "read back " + where + " after the change and found no record",
                        "DnsReadBackMismatch"));
    if (!pointsAt(readBack, request.value(), request.ttl())) {
      throw ApplicationFailure.newFailure(
          "read back "
              + where
              + " after the change and found "
              + values(readBack)
              + " TTL "
              + readBack.ttl()
              + ", expected "
              + request.value()
              + " TTL "
              + request.ttl(),
          "DnsReadBackMismatch");
    }
    return new RecordState(zoneId, name, request.value(), request.ttl(), true);
  }

  /**
   * Waits, heartbeating, until Route 53 reports the change in sync. A hand-written loop instead of
   * the SDK waiter, because the waiter cannot heartbeat.
   */
  private void awaitInSync(ChangeInfo change, String where) {
    ChangeInfo info = change;
    while (info.status() != ChangeStatus.INSYNC) {
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApplicationFailure.newFailure(
            "interrupted while waiting for change " + change.id() + " of " + where, "Interrupted");
      }
      Activity.getExecutionContext().heartbeat(info.id() + " " + info.statusAsString());
      String id = info.id();
      info =
          AwsFailures.call(
              "GetChange",
              "change " + id + " of " + where,
              GLOBAL,
              () -> route53().getChange(b -> b.id(id)).changeInfo());
    }
  }

  private String zoneId(HostedZone zone) {
    if (zone.id() != null) {
      String id = bareZoneId(zone.id());
      return bareZoneId(
          AwsFailures.call(
              "GetHostedZone",
              "hosted zone " + id,
              GLOBAL,
              () -> route53().getHostedZone(b -> b.id(id)).hostedZone().id()));
    }
    String name = absolute(zone.name());
    List<String> matches =
        AwsFailures.call(
                "ListHostedZonesByName",
                "hosted zone " + name,
                GLOBAL,
                () -> route53().listHostedZonesByName(b -> b.dnsName(name)).hostedZones())
            .stream()
            .filter(z -> absolute(z.name()).equals(name))
            .map(z -> bareZoneId(z.id()))
            .toList();
    if (matches.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "no Route 53 hosted zone is named " + name, ZONE_NOT_FOUND);
    }
    if (matches.size() > 1) {
      throw ApplicationFailure.newNonRetryableFailure(
          "hosted zones "
              + matches
              + " are all named "
              + name
              + " (for example a public and a private zone); name the zone by hostedZoneId",
          ZONE_NOT_FOUND);
    }
    return matches.get(0);
  }

  private Optional<ResourceRecordSet> record(String zoneId, String name) {
    return AwsFailures.call(
            "ListResourceRecordSets",
            "CNAME " + name + " in zone " + zoneId,
            GLOBAL,
            () ->
                route53()
                    .listResourceRecordSets(
                        b ->
                            b.hostedZoneId(zoneId)
                                .startRecordName(name)
                                .startRecordType(RRType.CNAME)
                                .maxItems("10"))
                    .resourceRecordSets())
        .stream()
        .filter(r -> r.type() == RRType.CNAME && absolute(r.name()).equals(name))
        .findFirst();
  }

  private Route53Client route53() {
    return clients.route53();
  }

  private static boolean pointsAt(ResourceRecordSet record, String value, long ttl) {
    List<String> values = values(record);
    return values.size() == 1
        && absolute(values.get(0)).equals(absolute(value))
        && record.ttl() != null
        && record.ttl() == ttl;
  }

  private static List<String> values(ResourceRecordSet record) {
    return record.resourceRecords().stream().map(ResourceRecord::value).toList();
  }

  /** A DNS name compared the way DNS does: without case and with its trailing dot. */
  private static String absolute(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }

  private static String bareZoneId(String id) {
    return id.startsWith(ZONE_ID_PREFIX) ? id.substring(ZONE_ID_PREFIX.length()) : id;
  }
}
