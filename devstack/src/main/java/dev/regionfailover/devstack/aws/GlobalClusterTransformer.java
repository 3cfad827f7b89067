package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the WireMock stub for Aurora global-cluster actions from {@link AuroraGlobalClusters}.
 */
final class GlobalClusterTransformer extends StubTransformer {

  static final String NAME = "aurora-global-clusters";

  private static final Logger log = LoggerFactory.getLogger(GlobalClusterTransformer.class);

  private final AuroraGlobalClusters globalClusters;

  GlobalClusterTransformer(AuroraGlobalClusters globalClusters) {
    super(NAME);
    this.globalClusters = requireNonNull(globalClusters, "globalClusters is null");
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    RdsResponse response;
    try {
      response = globalClusters.handle(serveEvent.getRequest());
    } catch (RuntimeException e) {
      log.warn("The stand-in failed to answer an Aurora global-cluster request", e);
      response =
          new RdsResponse(
              500, RdsXml.error("InternalFailure", e.getMessage(), UUID.randomUUID().toString()));
    }
    return reply(response.status(), "text/xml", response.body()).build();
  }
}
