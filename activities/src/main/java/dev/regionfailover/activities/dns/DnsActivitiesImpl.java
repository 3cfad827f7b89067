package dev.regionfailover.activities.dns;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.workflows.dns.DnsActivities;
import dev.regionfailover.workflows.dns.PointRecordRequest;
import dev.regionfailover.workflows.dns.RecordRequest;
import dev.regionfailover.workflows.dns.RecordState;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** Points Route 53 CNAME records, waits until the change is in sync, and reads them back. */
public final class DnsActivitiesImpl implements DnsActivities {

  private static final Logger log = LoggerFactory.getLogger(DnsActivitiesImpl.class);
  private final Route53Records records;
  private final Route53Changes changes;

  @Inject
  public DnsActivitiesImpl(AwsClients clients) {
    this(clients, Duration.ofSeconds(5));
  }

  /**
   * @param pollInterval how long to wait between looks at a change that is not in sync yet
   */
  public DnsActivitiesImpl(AwsClients clients, Duration pollInterval) {
    requireNonNull(clients, "clients is null");
    this.records = new Route53Records(clients);
    this.changes = new Route53Changes(clients, pollInterval);
  }

  @Override
  public RecordState pointRecord(PointRecordRequest request) {
    String zoneId = records.zoneId(request.zone());
    String name = Route53Records.absolute(request.name());
    String where = "CNAME " + name + " in zone " + zoneId;
    Optional<ResourceRecordSet> current = records.cname(zoneId, name);
    if (current.isPresent() && pointsAt(current.get(), request.value(), request.ttl())) {
      log.info("{} already points at {} (TTL {})", where, request.value(), request.ttl());
      return new RecordState(zoneId, name, request.value(), request.ttl(), false);
    }
    ChangeInfo change =
        records.upsert(
            zoneId,
            where,
            "region-failover: point " + name,
            List.of(
                ResourceRecordSet.builder()
                    .name(name)
                    .type(RRType.CNAME)
                    .ttl(request.ttl())
                    .resourceRecords(ResourceRecord.builder().value(request.value()).build())
                    .build()));
    log.info(
        "Upserted {} -> {} (was {}); change {}",
        where,
        request.value(),
        current.map(DnsActivitiesImpl::values).orElse(List.of()),
        change.id());
    changes.awaitInSync(change, where);
    ResourceRecordSet readBack =
        records
            .cname(zoneId, name)
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

  @Override
  public RecordState readRecord(RecordRequest request) {
    String zoneId = records.zoneId(request.zone());
    String name = Route53Records.absolute(request.name());
    return records
        .cname(zoneId, name)
        .map(
            r ->
                new RecordState(
                    zoneId,
                    name,
                    values(r).size() == 1 ? values(r).get(0) : String.join(",", values(r)),
                    r.ttl() == null ? 0 : r.ttl(),
                    false))
        .orElse(new RecordState(zoneId, name, null, 0, false));
  }

  private static boolean pointsAt(ResourceRecordSet record, String value, long ttl) {
    List<String> values = values(record);
    return values.size() == 1
        && Route53Records.absolute(values.get(0)).equals(Route53Records.absolute(value))
        && record.ttl() != null
        && record.ttl() == ttl;
  }

  private static List<String> values(ResourceRecordSet record) {
    return record.resourceRecords().stream().map(ResourceRecord::value).toList();
  }
}
