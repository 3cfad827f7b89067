package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.http.Request;
import dev.regionfailover.devstack.aws.GlobalClusterPromotion.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The Aurora global-cluster operations moto cannot serve. moto stores global clusters and their
 * members (in one backend that every region reads), but it has no {@code SwitchoverGlobalCluster}
 * or {@code FailoverGlobalCluster}, never changes which member is the writer, and ignores the
 * identifier given to {@code DescribeGlobalClusters}. This class accepts promotions, keeps the
 * writer each global cluster has since, and rewrites moto's {@code DescribeGlobalClusters} answer
 * to match, so that clients observe what AWS would show them: {@code switching-over} (or {@code
 * failing-over}) for a while with the old writer, then the target as the writer.
 */
final class AuroraGlobalClusters {

  static final Duration DEFAULT_PROMOTION_DURATION = Duration.ofSeconds(3);

  private static final Logger log = LoggerFactory.getLogger(AuroraGlobalClusters.class);
  private static final String DESCRIBE = "DescribeGlobalClusters";
  private static final Duration MOTO_TIMEOUT = Duration.ofSeconds(30);

  private final URI moto;
  private final HttpClient http;
  private final Clock clock;

  // Keyed by the lower-cased global cluster identifier, as AWS identifiers are case-insensitive.
  private final Map<String, String> writers = new HashMap<>();
  private final Map<String, GlobalClusterPromotion> promotions = new HashMap<>();
  // Members hidden from DescribeGlobalClusters, as an old primary that did not rejoin after a
  // failover is, keyed like writers.
  private final Map<String, Set<String>> detached = new HashMap<>();
  private Duration promotionDuration = DEFAULT_PROMOTION_DURATION;

  AuroraGlobalClusters(URI moto, HttpClient http, Clock clock) {
    this.moto = requireNonNull(moto, "moto is null");
    this.http = requireNonNull(http, "http is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /** The RDS actions this class answers. */
  static List<String> actions() {
    return List.of(DESCRIBE, Kind.SWITCHOVER.action(), Kind.FAILOVER.action());
  }

  RdsResponse handle(Request request) {
    Map<String, String> parameters = QueryForm.parse(request.getBodyAsString());
    String action = parameters.getOrDefault("Action", "");
    if (action.equals(DESCRIBE)) {
      return describe(request, parameters);
    }
    for (Kind kind : Kind.values()) {
      if (kind.action().equals(action)) {
        return promote(request, parameters, kind);
      }
    }
    throw new IllegalArgumentException("not a global cluster action: " + action);
  }

  synchronized void setPromotionDuration(Duration duration) {
    requireNonNull(duration, "duration is null");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("promotion duration is negative: " + duration);
    }
    promotionDuration = duration;
  }

  /**
   * Shows {@code clusterArn} as detached from global cluster {@code identifier} (not a member), as
   * an old primary that has not rejoined after a failover is, or as a member again.
   */
  synchronized void setDetached(String identifier, String clusterArn, boolean isDetached) {
    requireNonNull(identifier, "identifier is null");
    requireNonNull(clusterArn, "clusterArn is null");
    Set<String> members = detached.computeIfAbsent(key(identifier), k -> new HashSet<>());
    if (isDetached) {
      members.add(clusterArn);
    } else {
      members.remove(clusterArn);
    }
    log.info(
        "Global cluster {} {} member {}",
        identifier,
        isDetached ? "now hides" : "shows again",
        clusterArn);
  }

  synchronized void reset() {
    writers.clear();
    promotions.clear();
    detached.clear();
    promotionDuration = DEFAULT_PROMOTION_DURATION;
  }

  private RdsResponse describe(Request request, Map<String, String> parameters) {
    HttpResponse<String> answer = describeInMoto(request);
    if (answer.statusCode() != 200) {
      return new RdsResponse(answer.statusCode(), answer.body());
    }
    Document document = RdsXml.parse(answer.body());
    Element list = (Element) document.getElementsByTagName("GlobalClusters").item(0);
    String wanted = parameters.get("GlobalClusterIdentifier");
    boolean found = false;
    for (Element element : clusterElements(list)) {
      GlobalClusterXml cluster = new GlobalClusterXml(element);
      if (wanted != null && !cluster.identifier().equalsIgnoreCase(wanted)) {
        list.removeChild(element);
        continue;
      }
      found = true;
      showState(cluster);
    }
    if (wanted != null && !found) {
      return globalClusterNotFound(wanted);
    }
    return new RdsResponse(200, RdsXml.serialize(document));
  }

  private RdsResponse promote(Request request, Map<String, String> parameters, Kind kind) {
    String identifier = parameters.get("GlobalClusterIdentifier");
    String target = parameters.get("TargetDbClusterIdentifier");
    if (identifier == null || identifier.isBlank()) {
      return missingParameter("GlobalClusterIdentifier");
    }
    if (target == null || target.isBlank()) {
      return missingParameter("TargetDbClusterIdentifier");
    }
    boolean allowDataLoss =
        kind == Kind.FAILOVER && "true".equalsIgnoreCase(parameters.get("AllowDataLoss"));

    HttpResponse<String> answer = describeInMoto(request);
    if (answer.statusCode() != 200) {
      return new RdsResponse(answer.statusCode(), answer.body());
    }
    Document document = RdsXml.parse(answer.body());
    Optional<GlobalClusterXml> found =
        clusterElements((Element) document.getElementsByTagName("GlobalClusters").item(0)).stream()
            .map(GlobalClusterXml::new)
            .filter(cluster -> cluster.identifier().equalsIgnoreCase(identifier))
            .findFirst();
    if (found.isEmpty()) {
      return globalClusterNotFound(identifier);
    }
    GlobalClusterXml cluster = found.get();
    synchronized (this) {
      String key = key(identifier);
      settle(key);
      GlobalClusterPromotion inProgress = promotions.get(key);
      if (inProgress != null) {
        return error(
            400,
            "InvalidGlobalClusterStateFault",
            "Global cluster "
                + identifier
                + " is "
                + inProgress.kind().status()
                + " from "
                + inProgress.fromArn()
                + " to "
                + inProgress.toArn()
                + "; wait until its status is available.");
      }
      if (!cluster.memberArns().contains(target)) {
        return error(
            404,
            "DBClusterNotFoundFault",
            "DB cluster "
                + target
                + " is not a member of global cluster "
                + identifier
                + " (members: "
                + cluster.memberArns()
                + ").");
      }
      String writer = writers.get(key);
      if (writer == null) {
        writer = cluster.writerArn().orElse(null);
      }
      if (writer == null) {
        return error(
            400,
            "InvalidGlobalClusterStateFault",
            "Global cluster " + identifier + " has no writer to take over from.");
      }
      if (writer.equals(target)) {
        return error(
            400,
            "InvalidDBClusterStateFault",
            "DB cluster "
                + target
                + " is already the writer of global cluster "
                + identifier
                + ".");
      }
      GlobalClusterPromotion promotion =
          new GlobalClusterPromotion(
              kind, writer, target, allowDataLoss, clock.instant().plus(promotionDuration));
      promotions.put(key, promotion);
      log.info(
          "{} of global cluster {} from {} to {} accepted; it completes at {}",
          kind.action(),
          identifier,
          promotion.fromArn(),
          promotion.toArn(),
          promotion.completesAt());
      showState(cluster);
    }
    return promotionResponse(kind, cluster);
  }

  /** Rewrites one global cluster of moto's answer with the writer and status the stand-in holds. */
  private synchronized void showState(GlobalClusterXml cluster) {
    String key = key(cluster.identifier());
    settle(key);
    GlobalClusterPromotion promotion = promotions.get(key);
    if (promotion != null) {
      cluster.showWriter(promotion.fromArn());
      cluster.showStatus(promotion.kind().status());
      cluster.showFailoverState(promotion);
      return;
    }
    String writer = writers.get(key);
    if (writer != null) {
      cluster.showWriter(writer);
      cluster.showStatus("available");
    }
    detached.getOrDefault(key, Set.of()).forEach(cluster::removeMember);
  }

  /** Completes the promotion of {@code key} once its time has come. */
  private synchronized void settle(String key) {
    GlobalClusterPromotion promotion = promotions.get(key);
    if (promotion != null && !clock.instant().isBefore(promotion.completesAt())) {
      promotions.remove(key);
      writers.put(key, promotion.toArn());
      log.info("Global cluster {} now has writer {}", key, promotion.toArn());
    }
  }

  private HttpResponse<String> describeInMoto(Request request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(moto.resolve("/"))
            .timeout(MOTO_TIMEOUT)
            .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .POST(
                HttpRequest.BodyPublishers.ofString("Action=" + DESCRIBE + "&Version=2014-10-31"));
    String authorization = request.getHeader("Authorization");
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    try {
      return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("moto at " + moto + " did not answer " + DESCRIBE, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while asking moto for " + DESCRIBE, e);
    }
  }

  private static RdsResponse promotionResponse(Kind kind, GlobalClusterXml cluster) {
    Document document = RdsXml.newResponse(kind.action() + "Response");
    Element result = RdsXml.appendElement(document.getDocumentElement(), kind.action() + "Result");
    Element globalCluster = RdsXml.appendElement(result, "GlobalCluster");
    Element source = cluster.element();
    while (source.getFirstChild() != null) {
      globalCluster.appendChild(document.importNode(source.getFirstChild(), true));
      source.removeChild(source.getFirstChild());
    }
    Element metadata = RdsXml.appendElement(document.getDocumentElement(), "ResponseMetadata");
    RdsXml.appendText(metadata, "RequestId", UUID.randomUUID().toString());
    return new RdsResponse(200, RdsXml.serialize(document));
  }

  private static List<Element> clusterElements(Element list) {
    return list == null ? List.of() : RdsXml.children(list, "GlobalClusterMember");
  }

  private static RdsResponse globalClusterNotFound(String identifier) {
    return error(404, "GlobalClusterNotFoundFault", "Global cluster " + identifier + " not found.");
  }

  private static RdsResponse missingParameter(String name) {
    return error(400, "MissingParameter", "The request must contain the parameter " + name + ".");
  }

  private static RdsResponse error(int status, String code, String message) {
    return new RdsResponse(status, RdsXml.error(code, message, UUID.randomUUID().toString()));
  }

  private static String key(String identifier) {
    return identifier.toLowerCase(Locale.ROOT);
  }
}
