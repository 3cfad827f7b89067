package dev.regionfailover.activities.traffic;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.dns.Route53Changes;
import dev.regionfailover.activities.dns.Route53Records;
import dev.regionfailover.workflows.estate.Route53Traffic;
import io.temporal.failure.ApplicationFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * A weighted Route 53 CNAME per region (set identifier = region); a region's value is its record's
 * weight.
 */
final class WeightedRecords implements LayerControl {

  private static final Logger log = LoggerFactory.getLogger(WeightedRecords.class);
  private static final long MAX_WEIGHT = 255;

  private final Route53Records records;
  private final Route53Changes changes;
  private final Route53Traffic traffic;
  private final String name;

  WeightedRecords(Route53Records records, Route53Changes changes, Route53Traffic traffic) {
    this.records = requireNonNull(records, "records is null");
    this.changes = requireNonNull(changes, "changes is null");
    this.traffic = requireNonNull(traffic, "traffic is null");
    this.name = Route53Records.absolute(traffic.recordName());
  }

  @Override
  public String describe() {
    return "weighted CNAME " + name + " in zone " + traffic.zone().describe();
  }

  @Override
  public void check(String region, double value) {
    if (value < 0 || value > MAX_WEIGHT || value != Math.rint(value)) {
      throw TrafficFailures.invalid(describe(), region, value, "a whole weight from 0 to 255");
    }
    TrafficFailures.configured(traffic.targets(), region, "target of " + describe());
  }

  @Override
  public Map<String, Double> read(List<String> regions) {
    Map<String, ResourceRecordSet> found = recordSets(records.zoneId(traffic.zone()), regions);
    Map<String, Double> weights = new LinkedHashMap<>();
    found.forEach((region, record) -> weights.put(region, record.weight().doubleValue()));
    return weights;
  }

  @Override
  public void set(Map<String, Double> values) {
    String zoneId = records.zoneId(traffic.zone());
    String where = describe();
    Map<String, ResourceRecordSet> current = recordSets(zoneId, List.copyOf(values.keySet()));
    // The current record set is the base so that what the estate does not describe, such as a
    // health check on the record, survives the change.
    List<ResourceRecordSet> upserts =
        values.entrySet().stream()
            .map(
                e ->
                    current.get(e.getKey()).toBuilder()
                        .weight(e.getValue().longValue())
                        .ttl(traffic.ttl())
                        .resourceRecords(
                            ResourceRecord.builder()
                                .value(traffic.targets().get(e.getKey()))
                                .build())
                        .build())
            .toList();
    ChangeInfo change =
        records.upsert(zoneId, where, "region-failover: weights of " + name, upserts);
    log.info("Upserted {} weights {}; change {}", where, values, change.id());
    changes.awaitInSync(change, where);
  }

  /** Each region's weighted record set, or a non-retryable failure naming what is missing. */
  private Map<String, ResourceRecordSet> recordSets(String zoneId, List<String> regions) {
    List<ResourceRecordSet> all = records.cnames(zoneId, name);
    Map<String, ResourceRecordSet> found = new LinkedHashMap<>();
    for (String region : regions) {
      ResourceRecordSet record =
          all.stream()
              .filter(r -> region.equals(r.setIdentifier()))
              .findFirst()
              .orElseThrow(
                  () ->
                      ApplicationFailure.newNonRetryableFailure(
                          describe()
                              + " has no record with set identifier "
                              + region
                              + " (found "
                              + all.stream().map(ResourceRecordSet::setIdentifier).toList()
                              + ")",
                          TrafficFailures.NOT_FOUND));
      if (record.weight() == null) {
        throw ApplicationFailure.newNonRetryableFailure(
            describe() + ": the record with set identifier " + region + " is not weighted",
            TrafficFailures.NOT_FOUND);
      }
      found.put(region, record);
    }
    return found;
  }
}
