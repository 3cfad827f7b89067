package dev.regionfailover.workflows.estate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an estate from YAML and validates all of it before anything can reach AWS. Every problem is
 * reported with its path ({@code fleets.us-west-2.ecsServices[0].cluster: missing}), unknown keys
 * are errors, and one file with several mistakes yields all of them at once.
 */
public final class EstateParser {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Pattern APP = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
  private static final Pattern CLUSTER_ARN =
      Pattern.compile("arn:aws[a-z-]*:rds:([a-z0-9-]+):(\\d{12}):cluster:([A-Za-z][A-Za-z0-9-]*)");
  private static final long DEFAULT_TTL = 60;

  /** The principal ARNs STS answers GetCallerIdentity with: a user, a role, or a role session. */
  private static final Pattern PRINCIPAL_ARN =
      Pattern.compile(
          "arn:aws(-cn|-us-gov)?:(iam::\\d{12}:(user|role)/[\\w+=,.@/-]+"
              + "|sts::\\d{12}:assumed-role/[\\w+=,.@-]+/[\\w+=,.@-]+)");

  private final List<String> errors = new ArrayList<>();

  private EstateParser() {}

  /**
   * Parses and validates one estate document.
   *
   * @param yaml the document
   * @param source where it came from, for messages (a file name)
   */
  public static Estate parse(String yaml, String source) throws EstateValidationException {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new EstateValidationException(
          source, List.of("not valid YAML" + where + ": " + e.getOriginalMessage()));
    }
    EstateParser parser = new EstateParser();
    Estate estate = parser.estate(root);
    if (!parser.errors.isEmpty()) {
      throw new EstateValidationException(source, parser.errors);
    }
    return estate;
  }

  private Estate estate(JsonNode root) {
    if (root == null || root.isMissingNode() || root.isNull()) {
      errors.add(
          "(document): empty; an estate needs at least app, regions, aurora, authority, flags and approvals");
      return null;
    }
    if (!object(
        root,
        "(document)",
        Set.of(
            "app",
            "regions",
            "traffic",
            "aurora",
            "authority",
            "pins",
            "fleets",
            "flags",
            "approvals",
            "guards",
            "queues",
            "reconcile",
            "detection",
            "rehearsal"))) {
      return null;
    }
    String app = text(root, "", "app");
    if (app != null && !APP.matcher(app).matches()) {
      errors.add(
          "app: "
              + app
              + " must be lower-case letters, digits and dashes (it is part of the workflow id)");
    }
    List<String> regions = regions(root.get("regions"));
    Set<String> known = new HashSet<>(regions);
    Traffic traffic =
        root.has("traffic")
            ? traffic(root.get("traffic"), regions)
            : new Traffic(null, null, null, null);
    Aurora aurora = required(root, "aurora", "aurora", (n, p) -> aurora(n, p, regions));
    AuthorityConfig authority =
        required(
            root,
            "authority",
            "authority",
            (n, p) ->
                object(n, p, Set.of("table")) ? new AuthorityConfig(text(n, p, "table")) : null);
    Pins pins = optional(root, "pins", "pins", this::pins);
    Map<String, Fleet> fleets = root.has("fleets") ? fleets(root.get("fleets"), known) : Map.of();
    Flags flags = required(root, "flags", "flags", this::flags);
    Approvals approvals = required(root, "approvals", "approvals", this::approvals);
    Guards guards = root.has("guards") ? guards(root.get("guards")) : Guards.DEFAULTS;
    Map<String, List<QueueRef>> queues =
        root.has("queues") ? queues(root.get("queues"), known) : Map.of();
    Reconcile reconcile = root.has("reconcile") ? reconcile(root.get("reconcile")) : Reconcile.NONE;
    boolean rehearsal = flag(root, "", "rehearsal");
    Detection detection =
        optional(root, "detection", "detection", (n, p) -> detection(n, p, regions, rehearsal));
    if (!errors.isEmpty()) {
      return null;
    }
    return new Estate(
        app, regions, traffic, aurora, authority, pins, fleets, flags, approvals, guards, queues,
        reconcile, detection, rehearsal);
  }

  private List<String> regions(JsonNode node) {
    if (node == null) {
      errors.add("regions: missing");
      return List.of();
    }
    if (!node.isArray()) {
      errors.add("regions: must be a list of AWS regions");
      return List.of();
    }
    List<String> regions = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      String path = "regions[" + i + "]";
      JsonNode item = node.get(i);
      if (!item.isTextual() || item.asText().isBlank()) {
        errors.add(path + ": must be a region name");
      } else if (!AwsRegions.isKnown(item.asText())) {
        errors.add(path + ": " + item.asText() + " is not an AWS region");
      } else if (regions.contains(item.asText())) {
        errors.add(path + ": " + item.asText() + " is listed twice");
      } else {
        regions.add(item.asText());
      }
    }
    if (node.size() < 2) {
      errors.add("regions: needs two or more regions, found " + node.size());
    }
    return regions;
  }

  private Traffic traffic(JsonNode node, List<String> regions) {
    String path = "traffic";
    if (!object(node, path, Set.of("route53", "arc", "globalAccelerator", "order"))) {
      return new Traffic(null, null, null, null);
    }
    Route53Traffic route53 =
        optional(node, "route53", path + ".route53", (n, p) -> route53(n, p, regions));
    ArcTraffic arc = optional(node, "arc", path + ".arc", (n, p) -> arc(n, p, regions));
    GlobalAcceleratorTraffic accelerator =
        optional(
            node,
            "globalAccelerator",
            path + ".globalAccelerator",
            (n, p) ->
                object(n, p, Set.of("endpointGroups"))
                    ? new GlobalAcceleratorTraffic(
                        perRegion(
                            n.get("endpointGroups"),
                            p + ".endpointGroups",
                            regions,
                            (value, itemPath) ->
                                arn(value, itemPath, "arn:aws:globalaccelerator::")))
                    : null);
    List<TrafficLayer> order = node.has("order") ? order(node.get("order"), node) : null;
    return new Traffic(route53, arc, accelerator, order);
  }

  private List<TrafficLayer> order(JsonNode node, JsonNode traffic) {
    String path = "traffic.order";
    Map<String, TrafficLayer> byKey = new LinkedHashMap<>();
    for (TrafficLayer layer : TrafficLayer.values()) {
      byKey.put(layer.key(), layer);
    }
    List<TrafficLayer> order =
        list(
            node,
            path,
            (item, itemPath) -> {
              TrafficLayer layer = byKey.get(item.asText());
              if (layer == null) {
                errors.add(
                    itemPath + ": " + item.asText() + " is not a traffic layer " + byKey.keySet());
              } else if (!traffic.has(layer.key())) {
                errors.add(
                    itemPath + ": " + layer.key() + " is listed but not configured under traffic");
              }
              return layer;
            });
    if (new HashSet<>(order).size() != order.size()) {
      errors.add(path + ": lists a layer twice");
    }
    for (TrafficLayer layer : TrafficLayer.values()) {
      if (traffic.has(layer.key()) && !order.contains(layer)) {
        errors.add(
            path
                + ": leaves out "
                + layer.key()
                + ", which is configured; every configured layer is shifted in the stated order");
      }
    }
    return order;
  }

  private Route53Traffic route53(JsonNode node, String path, List<String> regions) {
    if (!object(
        node,
        path,
        Set.of(
            "hostedZoneId",
            "hostedZoneName",
            "recordName",
            "ttl",
            "targets",
            "routing",
            "healthChecks"))) {
      return null;
    }
    HostedZone zone = zone(node, path);
    String recordName = text(node, path, "recordName");
    long ttl = ttl(node, path);
    Map<String, String> targets =
        perRegion(node.get("targets"), path + ".targets", regions, this::hostName);
    RoutingPolicy routing = RoutingPolicy.SIMPLE;
    if (node.has("routing")) {
      String text = text(node, path, "routing");
      try {
        routing = RoutingPolicy.valueOf(text == null ? "" : text.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        errors.add(path + ".routing: " + text + " must be one of simple, weighted, failover");
      }
    }
    Map<String, String> healthChecks = Map.of();
    if (routing == RoutingPolicy.FAILOVER || node.has("healthChecks")) {
      healthChecks =
          perRegion(node.get("healthChecks"), path + ".healthChecks", regions, this::nonBlank);
    }
    return new Route53Traffic(zone, recordName, ttl, targets, routing, healthChecks);
  }

  private ArcTraffic arc(JsonNode node, String path, List<String> regions) {
    if (!object(node, path, Set.of("clusterEndpoints", "routingControls"))) {
      return null;
    }
    List<String> endpoints =
        list(
            node.get("clusterEndpoints"),
            path + ".clusterEndpoints",
            (item, itemPath) -> {
              String url = nonBlank(item, itemPath);
              if (url != null && !url.matches("https?://[^\\s]+")) {
                errors.add(
                    itemPath + ": " + url + " is not an https URL of an ARC cluster endpoint");
              }
              return url;
            });
    if (endpoints.isEmpty()) {
      errors.add(
          path
              + ".clusterEndpoints: needs the cluster's endpoints (ARC gives five); they are tried in random order");
    }
    Map<String, String> controls =
        perRegion(
            node.get("routingControls"),
            path + ".routingControls",
            regions,
            (value, itemPath) -> arn(value, itemPath, "arn:aws:route53-recovery-control::"));
    return new ArcTraffic(endpoints, controls);
  }

  private String arn(JsonNode value, String path, String prefix) {
    String text = nonBlank(value, path);
    if (text != null && !text.startsWith(prefix)) {
      errors.add(path + ": " + text + " must be an ARN starting with " + prefix);
    }
    return text;
  }

  private Aurora aurora(JsonNode node, String path, List<String> regions) {
    if (!object(node, path, Set.of("globalCluster", "clusters", "writerRecord", "maxLagSeconds"))) {
      return null;
    }
    String globalCluster = text(node, path, "globalCluster");
    Map<String, String> clusters =
        perRegion(
            node.get("clusters"),
            path + ".clusters",
            regions,
            (value, itemPath) -> clusterArn(value, itemPath));
    WriterRecord writerRecord =
        required(
            node,
            "writerRecord",
            path + ".writerRecord",
            (n, p) -> {
              if (!object(n, p, Set.of("hostedZoneId", "hostedZoneName", "name", "ttl"))) {
                return null;
              }
              return new WriterRecord(zone(n, p), text(n, p, "name"), ttl(n, p));
            });
    long maxLag = -1;
    JsonNode lag = node.get("maxLagSeconds");
    if (lag == null) {
      errors.add(path + ".maxLagSeconds: missing");
    } else if (!lag.canConvertToLong() || !lag.isIntegralNumber() || lag.asLong() < 0) {
      errors.add(
          path
              + ".maxLagSeconds: "
              + lag.asText()
              + " must be a whole number of seconds, 0 or more");
    } else {
      maxLag = lag.asLong();
    }
    return new Aurora(globalCluster, clusters, writerRecord, maxLag);
  }

  private String clusterArn(JsonNode value, String path) {
    String text = value.isTextual() ? value.asText() : null;
    Matcher m = text == null ? null : CLUSTER_ARN.matcher(text);
    if (m == null || !m.matches()) {
      errors.add(
          path
              + ": "
              + value.asText()
              + " is not an Aurora cluster ARN (arn:aws:rds:REGION:ACCOUNT:cluster:NAME)");
      return null;
    }
    String region = path.substring(path.lastIndexOf('.') + 1);
    if (!m.group(1).equals(region)) {
      errors.add(path + ": the ARN is in " + m.group(1) + ", not " + region);
    }
    return text;
  }

  private Pins pins(JsonNode node, String path) {
    if (!object(
        node,
        path,
        Set.of(
            "table", "homeRegionAttribute", "index", "versionAttribute", "segments", "pageSize"))) {
      return null;
    }
    String version = node.has("versionAttribute") ? text(node, path, "versionAttribute") : null;
    return new Pins(
        text(node, path, "table"),
        text(node, path, "homeRegionAttribute"),
        text(node, path, "index"),
        version,
        count(node, path, "segments", 1, 64, Pins.DEFAULT_SEGMENTS),
        // DynamoDB transactions hold at most 100 actions, and each page shares one with its audit.
        count(node, path, "pageSize", 1, 99, Pins.DEFAULT_PAGE_SIZE));
  }

  private Map<String, List<QueueRef>> queues(JsonNode node, Set<String> regions) {
    if (!node.isObject()) {
      errors.add("queues: must map regions to lists of queues");
      return Map.of();
    }
    Map<String, List<QueueRef>> queues = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String path = "queues." + entry.getKey();
      if (!regions.contains(entry.getKey())) {
        errors.add(path + ": " + entry.getKey() + " is not one of the estate's regions");
        continue;
      }
      queues.put(entry.getKey(), list(entry.getValue(), path, this::queue));
    }
    return queues;
  }

  private QueueRef queue(JsonNode node, String path) {
    if (!object(node, path, Set.of("queue", "deadLetterQueue", "redrive"))) {
      return null;
    }
    String dlq = node.has("deadLetterQueue") ? text(node, path, "deadLetterQueue") : null;
    boolean redrive = flag(node, path, "redrive");
    if (redrive && dlq == null) {
      errors.add(path + ".redrive: true needs a deadLetterQueue to redrive");
    }
    return new QueueRef(text(node, path, "queue"), dlq, redrive);
  }

  private Reconcile reconcile(JsonNode node) {
    String path = "reconcile";
    if (!object(node, path, Set.of("tables", "recoveryTimeout"))) {
      return Reconcile.NONE;
    }
    List<ReplicatedTable> tables =
        list(node.get("tables"), path + ".tables", this::replicatedTable);
    Duration timeout =
        node.has("recoveryTimeout")
            ? duration(node, path, "recoveryTimeout")
            : Reconcile.DEFAULT_RECOVERY_TIMEOUT;
    return new Reconcile(tables, timeout);
  }

  private ReplicatedTable replicatedTable(JsonNode node, String path) {
    if (!object(node, path, Set.of("table", "versionAttribute", "lastWriterRegionAttribute"))) {
      return null;
    }
    return new ReplicatedTable(
        text(node, path, "table"),
        text(node, path, "versionAttribute"),
        text(node, path, "lastWriterRegionAttribute"));
  }

  private Detection detection(JsonNode node, String path, List<String> regions, boolean rehearsal) {
    if (!object(
        node,
        path,
        Set.of(
            "alarms",
            "healthChecks",
            "replicatedTables",
            "interval",
            "consecutiveSamples",
            "autoApprove"))) {
      return null;
    }
    Map<String, List<String>> alarms =
        node.has("alarms")
            ? perRegion(
                node.get("alarms"), path + ".alarms", regions, (n, p) -> list(n, p, this::nonBlank))
            : Map.of();
    Map<String, String> healthChecks =
        node.has("healthChecks")
            ? perRegion(node.get("healthChecks"), path + ".healthChecks", regions, this::nonBlank)
            : Map.of();
    List<String> tables =
        list(node.get("replicatedTables"), path + ".replicatedTables", this::nonBlank);
    Duration interval =
        node.has("interval") ? duration(node, path, "interval") : Detection.DEFAULT_INTERVAL;
    int samples =
        count(node, path, "consecutiveSamples", 1, 100, Detection.DEFAULT_CONSECUTIVE_SAMPLES);
    boolean autoApprove = flag(node, path, "autoApprove");
    if (autoApprove && !rehearsal) {
      errors.add(
          path
              + ".autoApprove: only an estate marked rehearsal: true may approve its own"
              + " failovers; a production failover always waits for people");
    }
    return new Detection(alarms, healthChecks, tables, interval, samples, autoApprove);
  }

  private int count(JsonNode node, String path, String key, int min, int max, int fallback) {
    JsonNode value = node.get(key);
    if (value == null) {
      return fallback;
    }
    if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
      errors.add(
          path
              + "."
              + key
              + ": "
              + value.asText()
              + " must be a whole number from "
              + min
              + " to "
              + max);
      return fallback;
    }
    return value.asInt();
  }

  private boolean flag(JsonNode node, String path, String key) {
    JsonNode value = node.get(key);
    if (value == null) {
      return false;
    }
    if (!value.isBoolean()) {
      String full = path.isEmpty() ? key : path + "." + key;
      errors.add(full + ": " + value.asText() + " must be true or false");
      return false;
    }
    return value.asBoolean();
  }

  private Duration duration(JsonNode node, String path, String key) {
    String text = text(node, path, key);
    if (text == null) {
      return null;
    }
    try {
      Duration duration = Duration.parse(text);
      if (duration.isNegative() || duration.isZero()) {
        errors.add(path + "." + key + ": " + text + " must be positive");
      }
      return duration;
    } catch (DateTimeParseException e) {
      errors.add(
          path + "." + key + ": " + text + " is not an ISO-8601 duration such as PT1H or PT30M");
      return null;
    }
  }

  private Map<String, Fleet> fleets(JsonNode node, Set<String> regions) {
    if (!node.isObject()) {
      errors.add("fleets: must map each region to its fleet");
      return Map.of();
    }
    Map<String, Fleet> fleets = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String path = "fleets." + entry.getKey();
      if (!regions.contains(entry.getKey())) {
        errors.add(path + ": " + entry.getKey() + " is not one of the estate's regions " + regions);
        continue;
      }
      Fleet fleet = fleet(entry.getValue(), path);
      if (fleet != null) {
        fleets.put(entry.getKey(), fleet);
      }
    }
    checkFleetShapes(fleets, regions);
    return fleets;
  }

  private void checkFleetShapes(Map<String, Fleet> fleets, Set<String> regions) {
    if (fleets.isEmpty()) {
      return;
    }
    for (String region : regions) {
      if (!fleets.containsKey(region)) {
        errors.add(
            "fleets."
                + region
                + ": missing; every region needs a fleet once any region has one, so that work can move");
      }
    }
    Map.Entry<String, Fleet> first = fleets.entrySet().iterator().next();
    for (Map.Entry<String, Fleet> other : fleets.entrySet()) {
      Map<String, Integer> expected = kindSizes(first.getValue());
      kindSizes(other.getValue())
          .forEach(
              (kind, size) -> {
                if (!size.equals(expected.get(kind))) {
                  errors.add(
                      "fleets."
                          + other.getKey()
                          + "."
                          + kind
                          + ": has "
                          + size
                          + " entries but fleets."
                          + first.getKey()
                          + " has "
                          + expected.get(kind)
                          + "; entries correspond by position across regions");
                }
              });
    }
  }

  private static Map<String, Integer> kindSizes(Fleet fleet) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    sizes.put("ecsServices", fleet.ecsServices().size());
    sizes.put("autoScalingGroups", fleet.autoScalingGroups().size());
    sizes.put("lambdaEventSourceMappings", fleet.lambdaEventSourceMappings().size());
    sizes.put("eventBridgeRules", fleet.eventBridgeRules().size());
    sizes.put("schedules", fleet.schedules().size());
    return sizes;
  }

  private Fleet fleet(JsonNode node, String path) {
    if (!object(
        node,
        path,
        Set.of(
            "ecsServices",
            "autoScalingGroups",
            "lambdaEventSourceMappings",
            "eventBridgeRules",
            "schedules"))) {
      return null;
    }
    List<EcsServiceRef> services =
        list(
            node.get("ecsServices"),
            path + ".ecsServices",
            (item, itemPath) -> {
              if (!object(item, itemPath, Set.of("cluster", "service"))) {
                return null;
              }
              return new EcsServiceRef(
                  text(item, itemPath, "cluster"), text(item, itemPath, "service"));
            });
    List<String> groups =
        list(node.get("autoScalingGroups"), path + ".autoScalingGroups", this::nonBlank);
    List<EventSourceMappingRef> mappings =
        list(
            node.get("lambdaEventSourceMappings"),
            path + ".lambdaEventSourceMappings",
            (item, itemPath) -> {
              if (!object(item, itemPath, Set.of("function", "eventSourceArn"))) {
                return null;
              }
              String arn = text(item, itemPath, "eventSourceArn");
              if (arn != null && !arn.startsWith("arn:")) {
                errors.add(itemPath + ".eventSourceArn: " + arn + " is not an ARN");
              }
              return new EventSourceMappingRef(text(item, itemPath, "function"), arn);
            });
    List<EventBridgeRuleRef> rules =
        list(
            node.get("eventBridgeRules"),
            path + ".eventBridgeRules",
            (item, itemPath) -> {
              if (!object(item, itemPath, Set.of("eventBus", "name"))) {
                return null;
              }
              String bus = item.has("eventBus") ? text(item, itemPath, "eventBus") : "default";
              return new EventBridgeRuleRef(bus, text(item, itemPath, "name"));
            });
    List<ScheduleRef> schedules =
        list(
            node.get("schedules"),
            path + ".schedules",
            (item, itemPath) -> {
              if (!object(item, itemPath, Set.of("group", "name"))) {
                return null;
              }
              String group = item.has("group") ? text(item, itemPath, "group") : "default";
              return new ScheduleRef(group, text(item, itemPath, "name"));
            });
    return new Fleet(services, groups, mappings, rules, schedules);
  }

  private Flags flags(JsonNode node, String path) {
    if (!object(node, path, Set.of("writesEnabledParameter"))) {
      return null;
    }
    String parameter = text(node, path, "writesEnabledParameter");
    if (parameter != null && !parameter.contains("{region}")) {
      errors.add(
          path
              + ".writesEnabledParameter: "
              + parameter
              + " must contain {region}, so that each region has its own flag");
    }
    if (parameter != null && !parameter.startsWith("/")) {
      errors.add(
          path
              + ".writesEnabledParameter: "
              + parameter
              + " must start with / (an SSM parameter path)");
    }
    return new Flags(parameter);
  }

  private Approvals approvals(JsonNode node, String path) {
    if (!object(node, path, Set.of("approvers", "timeout", "unplannedApprovals", "verified"))) {
      return null;
    }
    List<String> approvers = list(node.get("approvers"), path + ".approvers", this::nonBlank);
    if (node.get("approvers") != null && approvers.isEmpty()) {
      errors.add(path + ".approvers: needs at least one approver");
    }
    if (new HashSet<>(approvers).size() != approvers.size()) {
      errors.add(path + ".approvers: lists an approver twice");
    }
    Duration timeout = duration(node, path, "timeout");
    int unplanned = Approvals.DEFAULT_UNPLANNED_APPROVALS;
    JsonNode count = node.get("unplannedApprovals");
    if (count != null) {
      if (!count.isIntegralNumber() || count.asInt() < 1) {
        errors.add(
            path + ".unplannedApprovals: " + count.asText() + " must be a whole number, 1 or more");
      } else {
        unplanned = count.asInt();
      }
    }
    if (unplanned > approvers.size() && !approvers.isEmpty()) {
      errors.add(
          path
              + ".unplannedApprovals: "
              + unplanned
              + " distinct approvers are needed for an UNPLANNED failover but only "
              + approvers.size()
              + " are listed");
    }
    JsonNode verified = node.get("verified");
    return new Approvals(
        approvers,
        timeout,
        unplanned,
        verified == null ? null : verified(verified, path + ".verified", approvers));
  }

  /**
   * {@code approvals.verified}: every approver's IAM principal, each principal distinct, so that
   * the two-person rule holds for principals as it does for names.
   */
  private VerifiedApprovers verified(JsonNode node, String path, List<String> approvers) {
    if (!object(node, path, Set.of("principals"))) {
      return null;
    }
    JsonNode principals = node.get("principals");
    if (principals == null || !principals.isObject()) {
      errors.add(
          path
              + ".principals: must be a mapping from each approver to their IAM principal ARN,"
              + " such as alice: arn:aws:iam::111122223333:user/alice");
      return null;
    }
    Map<String, String> byApprover = new LinkedHashMap<>();
    Map<String, String> approverByArn = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = principals.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String name = entry.getKey();
      String entryPath = path + ".principals." + name;
      if (!approvers.contains(name)) {
        errors.add(entryPath + ": " + name + " is not one of approvals.approvers " + approvers);
        continue;
      }
      String arn = nonBlank(entry.getValue(), entryPath);
      if (arn == null) {
        continue;
      }
      if (!PRINCIPAL_ARN.matcher(arn).matches()) {
        errors.add(
            entryPath
                + ": "
                + arn
                + " is not an IAM principal ARN (arn:aws:iam::ACCOUNT:user/NAME,"
                + " arn:aws:iam::ACCOUNT:role/NAME or"
                + " arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION)");
        continue;
      }
      String other = approverByArn.putIfAbsent(arn, name);
      if (other != null) {
        errors.add(
            entryPath
                + ": "
                + arn
                + " is also "
                + other
                + "'s principal; each approver needs a principal of their own, or one person"
                + " could give both approvals");
        continue;
      }
      byApprover.put(name, arn);
    }
    for (String approver : approvers) {
      if (!principals.has(approver)) {
        errors.add(
            path
                + ".principals: approver "
                + approver
                + " has no principal; a verified approver cannot approve without one");
      }
    }
    return new VerifiedApprovers(byApprover);
  }

  private Guards guards(JsonNode node) {
    String path = "guards";
    if (!object(
        node,
        path,
        Set.of(
            "schemaVersionParameter",
            "migrationInProgressParameter",
            "maxRecordTtlSeconds",
            "blockOnHighTtl"))) {
      return Guards.DEFAULTS;
    }
    String schema =
        node.has("schemaVersionParameter")
            ? parameterPath(node, path, "schemaVersionParameter")
            : null;
    String migration =
        node.has("migrationInProgressParameter")
            ? parameterPath(node, path, "migrationInProgressParameter")
            : null;
    long maxTtl = Guards.DEFAULT_MAX_RECORD_TTL;
    JsonNode ttl = node.get("maxRecordTtlSeconds");
    if (ttl != null) {
      if (!ttl.isIntegralNumber() || ttl.asLong() < 1) {
        errors.add(
            path
                + ".maxRecordTtlSeconds: "
                + ttl.asText()
                + " must be a whole number of seconds, 1 or more");
      } else {
        maxTtl = ttl.asLong();
      }
    }
    return new Guards(schema, migration, maxTtl, flag(node, path, "blockOnHighTtl"));
  }

  private String parameterPath(JsonNode node, String path, String key) {
    String parameter = text(node, path, key);
    if (parameter != null && !parameter.startsWith("/")) {
      errors.add(
          path + "." + key + ": " + parameter + " must start with / (an SSM parameter path)");
    }
    return parameter;
  }

  private HostedZone zone(JsonNode node, String path) {
    boolean byId = node.has("hostedZoneId");
    boolean byName = node.has("hostedZoneName");
    if (byId == byName) {
      errors.add(path + ": needs exactly one of hostedZoneId and hostedZoneName");
      return null;
    }
    if (byId) {
      return new HostedZone(text(node, path, "hostedZoneId"), null);
    }
    String name = text(node, path, "hostedZoneName");
    if (name != null && !name.endsWith(".")) {
      name = name + ".";
    }
    return new HostedZone(null, name);
  }

  private long ttl(JsonNode node, String path) {
    JsonNode ttl = node.get("ttl");
    if (ttl == null) {
      return DEFAULT_TTL;
    }
    if (!ttl.isIntegralNumber() || ttl.asLong() < 1 || ttl.asLong() > 172800) {
      errors.add(
          path + ".ttl: " + ttl.asText() + " must be a whole number of seconds from 1 to 172800");
      return DEFAULT_TTL;
    }
    return ttl.asLong();
  }

  private String hostName(JsonNode value, String path) {
    String name = nonBlank(value, path);
    if (name != null && !name.matches("[A-Za-z0-9.-]+")) {
      errors.add(path + ": " + name + " is not a DNS name");
    }
    return name;
  }

  private <T> Map<String, T> perRegion(
      JsonNode node, String path, List<String> regions, BiFunction<JsonNode, String, T> item) {
    if (node == null) {
      errors.add(path + ": missing");
      return Map.of();
    }
    if (!node.isObject()) {
      errors.add(path + ": must map each region to a value");
      return Map.of();
    }
    Map<String, T> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String itemPath = path + "." + entry.getKey();
      if (!regions.contains(entry.getKey())) {
        errors.add(
            itemPath + ": " + entry.getKey() + " is not one of the estate's regions " + regions);
        continue;
      }
      T value = item.apply(entry.getValue(), itemPath);
      if (value != null) {
        values.put(entry.getKey(), value);
      }
    }
    for (String region : regions) {
      if (!node.has(region)) {
        errors.add(path + "." + region + ": missing");
      }
    }
    return values;
  }

  private <T> List<T> list(JsonNode node, String path, BiFunction<JsonNode, String, T> item) {
    if (node == null) {
      return List.of();
    }
    if (!node.isArray()) {
      errors.add(path + ": must be a list");
      return List.of();
    }
    List<T> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      T value = item.apply(node.get(i), path + "[" + i + "]");
      if (value != null) {
        values.add(value);
      }
    }
    return values;
  }

  private <T> T required(
      JsonNode parent, String key, String path, BiFunction<JsonNode, String, T> reader) {
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      errors.add(path + ": missing");
      return null;
    }
    return reader.apply(node, path);
  }

  private <T> T optional(
      JsonNode parent, String key, String path, BiFunction<JsonNode, String, T> reader) {
    JsonNode node = parent.get(key);
    return node == null || node.isNull() ? null : reader.apply(node, path);
  }

  private boolean object(JsonNode node, String path, Set<String> allowed) {
    if (!node.isObject()) {
      errors.add(path + ": must be a mapping with keys " + new TreeSet<>(allowed));
      return false;
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!allowed.contains(key)) {
        String prefix = path.equals("(document)") ? "" : path + ".";
        errors.add(prefix + key + ": unknown key (expected one of " + new TreeSet<>(allowed) + ")");
      }
    }
    return true;
  }

  private String text(JsonNode parent, String path, String key) {
    String full = path.isEmpty() ? key : path + "." + key;
    JsonNode node = parent.get(key);
    if (node == null || node.isNull()) {
      errors.add(full + ": missing");
      return null;
    }
    return nonBlank(node, full);
  }

  private String nonBlank(JsonNode node, String path) {
    if (!node.isValueNode() || node.asText().isBlank()) {
      errors.add(path + ": must be a non-empty text value");
      return null;
    }
    return node.asText();
  }
}
