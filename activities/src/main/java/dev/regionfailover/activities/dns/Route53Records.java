package dev.regionfailover.activities.dns;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.workflows.estate.HostedZone;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeInfo;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Hosted zones and CNAME record sets in Route 53: finds them for the activities that change records
 * and for the guards that only read them, and is the one place that changes them.
 */
public final class Route53Records {

  /** Failure type when the hosted zone named by the estate does not exist or is ambiguous. */
  public static final String ZONE_NOT_FOUND = "HostedZoneNotFound";

  /** The region AWS failures name for Route 53, a global service. */
  public static final String GLOBAL = "global";

  private static final String ZONE_ID_PREFIX = "/hostedzone/";

  /** Route 53's largest page, more record sets than one name has in any estate. */
  private static final String MAX_RECORD_SETS = "300";

  private final AwsClients clients;

  public Route53Records(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  /**
   * The bare id (without {@code /hostedzone/}) of a zone named by id or by name. A zone that does
   * not exist, or a name that several zones share, is a non-retryable {@link #ZONE_NOT_FOUND}.
   */
  public String zoneId(HostedZone zone) {
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

  /** The CNAME record of {@code name} in the zone as Route 53 has it now, if there is one. */
  public Optional<ResourceRecordSet> cname(String zoneId, String name) {
    return cnames(zoneId, name).stream().findFirst();
  }

  /**
   * Every CNAME record set of {@code name} in the zone: one for a simple record, one per set
   * identifier for weighted and failover records.
   */
  public List<ResourceRecordSet> cnames(String zoneId, String name) {
    String absolute = absolute(name);
    return AwsFailures.call(
            "ListResourceRecordSets",
            "CNAME " + absolute + " in zone " + zoneId,
            GLOBAL,
            () ->
                route53()
                    .listResourceRecordSets(
                        b ->
                            b.hostedZoneId(zoneId)
                                .startRecordName(absolute)
                                .startRecordType(RRType.CNAME)
                                .maxItems(MAX_RECORD_SETS))
                    .resourceRecordSets())
        .stream()
        .filter(r -> r.type() == RRType.CNAME && absolute(r.name()).equals(absolute))
        .toList();
  }

  /**
   * Upserts record sets in one change batch and returns the change, which {@link Route53Changes}
   * waits for.
   *
   * @param where the records changed, as failures name them
   * @param comment the change batch's comment, which Route 53 keeps with the change
   */
  public ChangeInfo upsert(
      String zoneId, String where, String comment, List<ResourceRecordSet> recordSets) {
    List<Change> upserts =
        recordSets.stream()
            .map(r -> Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(r).build())
            .toList();
    return AwsFailures.call(
        "ChangeResourceRecordSets",
        where,
        GLOBAL,
        () ->
            route53()
                .changeResourceRecordSets(
                    b ->
                        b.hostedZoneId(zoneId)
                            .changeBatch(batch -> batch.comment(comment).changes(upserts)))
                .changeInfo());
  }

  /** A DNS name compared the way DNS does: without case and with its trailing dot. */
  public static String absolute(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".") ? lower : lower + ".";
  }

  private Route53Client route53() {
    return clients.route53();
  }

  private static String bareZoneId(String id) {
    return id.startsWith(ZONE_ID_PREFIX) ? id.substring(ZONE_ID_PREFIX.length()) : id;
  }
}
