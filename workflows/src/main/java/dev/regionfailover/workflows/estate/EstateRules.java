package dev.regionfailover.workflows.estate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules a JSON Schema cannot state because they compare one part of an estate with another:
 * per-region keys against {@code regions}, an ARN's region against its key, fleets across regions,
 * approvers against the approvals they must give, the traffic order against the configured layers.
 * They read the raw document, so that they are reported together with the schema's findings; a part
 * of the wrong shape is skipped here, the schema has already named it.
 */
final class EstateRules {

  private static final Pattern CLUSTER_ARN =
      Pattern.compile("arn:aws[a-z-]*:rds:([a-z0-9-]+):(\\d{12}):cluster:([A-Za-z][A-Za-z0-9-]*)");
  private static final Pattern PRINCIPAL_ARN =
      Pattern.compile(
          "arn:aws(-cn|-us-gov)?:(iam::\\d{12}:(user|role)/[\\w+=,.@/-]+"
              + "|sts::\\d{12}:assumed-role/[\\w+=,.@-]+/[\\w+=,.@-]+)");

  private final JsonNode root;
  private final List<String> regions;
  private final List<String> errors = new ArrayList<>();

  private EstateRules(JsonNode root) {
    this.root = root;
    this.regions = validRegions(root.path("regions"));
  }

  static List<String> check(JsonNode root) {
    EstateRules rules = new EstateRules(root);
    rules.traffic(root.path("traffic"));
    rules.perRegion(root.path("aurora").path("clusters"), "aurora.clusters");
    rules.clusterRegions(root.path("aurora").path("clusters"));
    new FleetRules(rules.regions, rules.errors).check(root.path("fleets"));
    rules.queues(root.path("queues"));
    rules.evacuation(root);
    rules.approvals(root.path("approvals"));
    rules.detection(root.path("detection"));
    rules.positive(root.path("reconcile"), "reconcile", "recoveryTimeout");
    return rules.errors;
  }

  /** The regions the schema accepts, each once, in the estate's order. */
  private static List<String> validRegions(JsonNode node) {
    List<String> regions = new ArrayList<>();
    for (JsonNode item : node) {
      if (item.isTextual()
          && AwsRegions.isKnown(item.asText())
          && !regions.contains(item.asText())) {
        regions.add(item.asText());
      }
    }
    return regions;
  }

  private void traffic(JsonNode traffic) {
    JsonNode route53 = traffic.path("route53");
    perRegion(route53.path("targets"), "traffic.route53.targets");
    perRegion(route53.path("healthChecks"), "traffic.route53.healthChecks");
    perRegion(traffic.path("arc").path("routingControls"), "traffic.arc.routingControls");
    perRegion(
        traffic.path("globalAccelerator").path("endpointGroups"),
        "traffic.globalAccelerator.endpointGroups");
    if (!traffic.has("order")) {
      return;
    }
    // An order that is not a list leaves out every layer; the schema names its shape.
    JsonNode order =
        traffic.get("order").isArray() ? traffic.get("order") : MissingNode.getInstance();
    List<String> listed = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      String key = order.get(i).asText();
      listed.add(key);
      if (isLayer(key) && !traffic.has(key)) {
        errors.add(
            "traffic.order[%d]: %s is listed but not configured under traffic".formatted(i, key));
      }
    }
    for (TrafficLayer layer : TrafficLayer.values()) {
      if (traffic.has(layer.key()) && !listed.contains(layer.key())) {
        errors.add(
            ("traffic.order: leaves out %s, which is configured; every configured layer is shifted"
                    + " in the stated order")
                .formatted(layer.key()));
      }
    }
  }

  private static boolean isLayer(String key) {
    for (TrafficLayer layer : TrafficLayer.values()) {
      if (layer.key().equals(key)) {
        return true;
      }
    }
    return false;
  }

  /** A mapping from region to value names each of the estate's regions, and only those. */
  private void perRegion(JsonNode node, String path) {
    if (!node.isObject()) {
      return;
    }
    node.fieldNames()
        .forEachRemaining(
            key -> {
              if (!regions.contains(key)) {
                errors.add(
                    "%s.%s: %s is not one of the estate's regions %s"
                        .formatted(path, key, key, regions));
              }
            });
    for (String region : regions) {
      if (!node.has(region)) {
        errors.add(path + "." + region + ": missing");
      }
    }
  }

  private void clusterRegions(JsonNode clusters) {
    for (String region : regions) {
      Matcher arn = CLUSTER_ARN.matcher(clusters.path(region).asText());
      if (clusters.path(region).isTextual() && arn.matches() && !arn.group(1).equals(region)) {
        errors.add(
            "aurora.clusters.%s: the ARN is in %s, not %s".formatted(region, arn.group(1), region));
      }
    }
  }

  private void queues(JsonNode queues) {
    if (!queues.isObject()) {
      return;
    }
    queues
        .fields()
        .forEachRemaining(
            entry -> {
              String path = "queues." + entry.getKey();
              if (!regions.contains(entry.getKey())) {
                errors.add(path + ": " + entry.getKey() + " is not one of the estate's regions");
                return;
              }
              for (int i = 0; i < entry.getValue().size(); i++) {
                JsonNode queue = entry.getValue().path(i);
                if (queue.path("redrive").asBoolean(false)
                    && queue.path("redrive").isBoolean()
                    && text(queue.path("deadLetterQueue")) == null) {
                  errors.add(
                      "%s[%d].redrive: true needs a deadLetterQueue to redrive".formatted(path, i));
                }
              }
            });
  }

  /**
   * A preferred target must be a region of the estate, and an app cannot wait for itself; which
   * other apps exist, and whether their dependencies form a cycle, only an evacuation can check.
   */
  private void evacuation(JsonNode estate) {
    JsonNode targets = estate.path("preferredTargets");
    for (int i = 0; i < targets.size(); i++) {
      JsonNode target = targets.get(i);
      if (target.isTextual()
          && AwsRegions.isKnown(target.asText())
          && !regions.contains(target.asText())) {
        errors.add(
            "preferredTargets[%d]: %s is not one of the estate's regions %s"
                .formatted(i, target.asText(), regions));
      }
    }
    JsonNode dependsOn = estate.path("dependsOn");
    for (int i = 0; i < dependsOn.size(); i++) {
      if (dependsOn.get(i).isTextual()
          && dependsOn.get(i).asText().equals(text(estate.path("app")))) {
        errors.add("dependsOn[%d]: an app cannot depend on itself".formatted(i));
      }
    }
  }

  private void approvals(JsonNode approvals) {
    if (!approvals.isObject()) {
      return;
    }
    positive(approvals, "approvals", "timeout");
    List<String> approvers = new ArrayList<>();
    for (JsonNode approver : approvals.path("approvers")) {
      String name = text(approver);
      if (name != null) {
        approvers.add(name);
      }
    }
    JsonNode count = approvals.path("unplannedApprovals");
    int unplanned =
        count.isIntegralNumber() && count.asInt() >= 1
            ? count.asInt()
            : Approvals.DEFAULT_UNPLANNED_APPROVALS;
    if (unplanned > approvers.size() && !approvers.isEmpty()) {
      errors.add(
          ("approvals.unplannedApprovals: %d distinct approvers are needed for an UNPLANNED"
                  + " failover but only %d are listed")
              .formatted(unplanned, approvers.size()));
    }
    JsonNode principals = approvals.path("verified").path("principals");
    if (principals.isObject()) {
      verifiedPrincipals(principals, approvers);
    }
  }

  /**
   * {@code approvals.verified.principals}: every approver's IAM principal, each principal distinct,
   * so that the two-person rule holds for principals as it does for names.
   */
  private void verifiedPrincipals(JsonNode principals, List<String> approvers) {
    String path = "approvals.verified.principals";
    Map<String, String> approverByArn = new LinkedHashMap<>();
    principals
        .fields()
        .forEachRemaining(
            entry -> {
              String name = entry.getKey();
              String arn = text(entry.getValue());
              if (!approvers.contains(name)) {
                errors.add(
                    "%s.%s: %s is not one of approvals.approvers %s"
                        .formatted(path, name, name, approvers));
              } else if (arn != null && PRINCIPAL_ARN.matcher(arn).matches()) {
                String other = approverByArn.putIfAbsent(arn, name);
                if (other != null) {
                  errors.add(
                      ("%s.%s: %s is also %s's principal; each approver needs a principal of their"
                              + " own, or one person could give both approvals")
                          .formatted(path, name, arn, other));
                }
              }
            });
    for (String approver : approvers) {
      if (!principals.has(approver)) {
        errors.add(
            ("%s: approver %s has no principal; a verified approver cannot approve without one")
                .formatted(path, approver));
      }
    }
  }

  private void detection(JsonNode detection) {
    if (!detection.isObject()) {
      return;
    }
    perRegion(detection.path("alarms"), "detection.alarms");
    perRegion(detection.path("healthChecks"), "detection.healthChecks");
    positive(detection, "detection", "interval");
    if (detection.path("autoApprove").asBoolean(false)
        && detection.path("autoApprove").isBoolean()
        && !(root.path("rehearsal").isBoolean() && root.path("rehearsal").asBoolean())) {
      errors.add(
          "detection.autoApprove: only an estate marked rehearsal: true may approve its own"
              + " failovers; a production failover always waits for people");
    }
  }

  /** A scalar that is not blank, as the schema's text values are; otherwise null. */
  private static String text(JsonNode value) {
    boolean scalar = value.isTextual() || value.isNumber() || value.isBoolean();
    return scalar && !value.asText().isBlank() ? value.asText() : null;
  }

  /** A duration the schema accepts as ISO-8601 must also be longer than zero. */
  private void positive(JsonNode parent, String path, String key) {
    JsonNode value = parent.path(key);
    if (!value.isTextual()) {
      return;
    }
    try {
      Duration duration = Duration.parse(value.asText());
      if (duration.isNegative() || duration.isZero()) {
        errors.add(path + "." + key + ": " + value.asText() + " must be positive");
      }
    } catch (DateTimeParseException e) {
      // Not a duration at all: the schema's pattern has reported it.
    }
  }
}
