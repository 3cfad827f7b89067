package dev.regionfailover.activities.readiness;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.activities.dns.Route53Records;
import dev.regionfailover.activities.ssm.Parameters;
import dev.regionfailover.workflows.estate.Guards;
import dev.regionfailover.workflows.estate.HostedZone;
import dev.regionfailover.workflows.finding.Finding;
import dev.regionfailover.workflows.finding.Verdict;
import dev.regionfailover.workflows.readiness.GuardActivities;
import dev.regionfailover.workflows.readiness.GuardRequest;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Promotion guards: the schema version is the same in every region, no migration is in progress
 * anywhere, and the failover records' TTLs are short enough for a shift to take effect soon. Reads
 * SSM parameters and Route 53 records and changes nothing.
 *
 * <p>A region that cannot be reached fails its guard, except the source region of an unplanned
 * failover ({@link GuardRequest#sourceMayBeUnreachable()}), which is expected to be impaired: there
 * it is a warning that names the region.
 */
public final class GuardActivitiesImpl implements GuardActivities {

  static final String CHECK_SCHEMA_VERSION = "guard-schema-version";
  static final String CHECK_MIGRATION = "guard-migration-in-progress";
  static final String CHECK_RECORD_TTL = "guard-record-ttl";

  private static final Logger log = LoggerFactory.getLogger(GuardActivitiesImpl.class);

  /** Route 53's control plane, which every change and read of a record goes through, runs here. */
  private static final String ROUTE53_CONTROL_PLANE_REGION = "us-east-1";

  private final Parameters parameters;
  private final Route53Records records;

  @Inject
  public GuardActivitiesImpl(AwsClients clients) {
    requireNonNull(clients, "clients is null");
    this.parameters = new Parameters(clients);
    this.records = new Route53Records(clients);
  }

  @Override
  public List<Finding> check(GuardRequest request) {
    Guards guards = request.guards() == null ? Guards.DEFAULTS : request.guards();
    List<Finding> findings = new ArrayList<>();
    if (guards.schemaVersionParameter() != null) {
      findings.addAll(schemaVersion(request, guards.schemaVersionParameter()));
    }
    if (guards.migrationInProgressParameter() != null) {
      findings.addAll(migration(request, guards.migrationInProgressParameter()));
    }
    if (request.traffic() != null && request.traffic().recordName() != null) {
      findings.add(
          recordTtl(request, guards, request.traffic().zone(), request.traffic().recordName()));
    }
    if (request.writerRecord() != null && request.writerRecord().name() != null) {
      findings.add(
          recordTtl(request, guards, request.writerRecord().zone(), request.writerRecord().name()));
    }
    findings.forEach(f -> log.info("Guard: {}", f.describe()));
    return findings;
  }

  /**
   * One finding comparing the values read, plus one per region where the parameter is missing or
   * cannot be read.
   */
  private List<Finding> schemaVersion(GuardRequest request, String parameter) {
    String expected = "the same value in every region " + request.regions();
    List<Finding> findings = new ArrayList<>();
    Map<String, List<String>> regionsByValue = new LinkedHashMap<>();
    for (Reading reading : readings(request, parameter)) {
      if (reading.unreachable() != null) {
        findings.add(unreachable(request, CHECK_SCHEMA_VERSION, reading));
      } else if (reading.value() == null) {
        findings.add(
            Finding.fail(
                CHECK_SCHEMA_VERSION, reading.resource(), "parameter not found", expected));
      } else {
        regionsByValue
            .computeIfAbsent(reading.value(), v -> new ArrayList<>())
            .add(reading.region());
      }
    }
    if (!regionsByValue.isEmpty()) {
      List<String> parts = new ArrayList<>();
      regionsByValue.forEach(
          (value, regions) -> parts.add(value + " in " + String.join(", ", regions)));
      String observed = String.join(", ", parts);
      findings.add(
          0,
          regionsByValue.size() == 1
              ? Finding.pass(CHECK_SCHEMA_VERSION, parameter, observed, expected)
              : Finding.fail(CHECK_SCHEMA_VERSION, parameter, observed, expected));
    }
    return findings;
  }

  /** One finding per region. A parameter that does not exist means no migration is running. */
  private List<Finding> migration(GuardRequest request, String parameter) {
    String expected = "no migration in progress (not \"true\")";
    List<Finding> findings = new ArrayList<>();
    for (Reading reading : readings(request, parameter)) {
      String region = reading.region();
      String resource = reading.resource();
      if (reading.unreachable() != null) {
        findings.add(unreachable(request, CHECK_MIGRATION, reading));
      } else if (reading.value() == null) {
        findings.add(Finding.pass(CHECK_MIGRATION, resource, "not set in " + region, expected));
      } else if (reading.value().trim().toLowerCase(Locale.ROOT).equals("true")) {
        findings.add(
            Finding.fail(
                CHECK_MIGRATION,
                resource,
                reading.value() + " in " + region + ": a migration is in progress",
                expected));
      } else {
        findings.add(
            Finding.pass(CHECK_MIGRATION, resource, reading.value() + " in " + region, expected));
      }
    }
    return findings;
  }

  private Finding recordTtl(GuardRequest request, Guards guards, HostedZone zone, String name) {
    String record = "CNAME " + Route53Records.absolute(name) + " in zone " + zone.describe();
    String expected = "TTL at most " + guards.maxRecordTtlSeconds() + " s";
    List<ResourceRecordSet> found;
    try {
      found = records.cnames(records.zoneId(zone), name);
    } catch (ApplicationFailure e) {
      // A zone that does not exist or is ambiguous, or a read AWS refused: SHIFT would stop at the
      // same problem, so it is reported now, before anything changes.
      return Finding.fail(CHECK_RECORD_TTL, record, e.getOriginalMessage(), expected);
    } catch (SdkException e) {
      if (!AwsFailures.isUnreachable(e)) {
        throw e;
      }
      String observed = "Route 53 unreachable: " + AwsFailures.describe(e);
      return request.sourceMayBeUnreachable()
              && ROUTE53_CONTROL_PLANE_REGION.equals(request.sourceRegion())
          ? Finding.warn(CHECK_RECORD_TTL, record, observed, expected)
          : Finding.fail(CHECK_RECORD_TTL, record, observed, expected);
    }
    if (found.isEmpty()) {
      return Finding.fail(CHECK_RECORD_TTL, record, "no such record", expected);
    }
    // Weighted and failover records are several record sets of one name, one per set identifier;
    // resolvers may cache any of them, so every one counts.
    List<String> ttls = new ArrayList<>();
    long highest = 0;
    for (ResourceRecordSet set : found) {
      String which = set.setIdentifier() == null ? "" : " (" + set.setIdentifier() + ")";
      if (set.ttl() == null) {
        return Finding.fail(
            CHECK_RECORD_TTL, record, "no TTL" + which + " (an alias record)", expected);
      }
      ttls.add(set.ttl() + " s" + which);
      highest = Math.max(highest, set.ttl());
    }
    String observed = "TTL " + String.join(", ", ttls);
    if (highest <= guards.maxRecordTtlSeconds()) {
      return Finding.pass(CHECK_RECORD_TTL, record, observed, expected);
    }
    String slow = observed + ": resolvers may keep the old answer that long after a shift";
    return guards.blockOnHighTtl()
        ? Finding.fail(CHECK_RECORD_TTL, record, slow, expected)
        : Finding.warn(CHECK_RECORD_TTL, record, slow, expected);
  }

  /** FAIL, or WARN for the source region of a failover that expects it to be impaired. */
  private static Finding unreachable(GuardRequest request, String check, Reading reading) {
    String region = reading.region();
    Verdict verdict =
        request.sourceMayBeUnreachable() && region.equals(request.sourceRegion())
            ? Verdict.WARN
            : Verdict.FAIL;
    return new Finding(
        check,
        reading.resource(),
        verdict,
        region + " unreachable: " + reading.unreachable(),
        "readable in " + region);
  }

  /** The parameter in each region of the request, in their order. */
  private List<Reading> readings(GuardRequest request, String parameter) {
    return request.regions().stream()
        .map(region -> read(region, Guards.inRegion(parameter, region)))
        .toList();
  }

  /** The parameter's value (null when it does not exist), or why the region could not be read. */
  private Reading read(String region, String name) {
    try {
      return new Reading(region, name, parameters.value(region, name), null);
    } catch (SdkException e) {
      if (AwsFailures.isUnreachable(e)) {
        return new Reading(region, name, null, AwsFailures.describe(e));
      }
      throw e;
    }
  }

  /** What reading one parameter in one region found. */
  private record Reading(String region, String name, String value, String unreachable) {

    String resource() {
      return name + " in " + region;
    }
  }
}
