package dev.regionfailover.starter.cli;

import dev.regionfailover.connection.ConnectionFailures;
import dev.regionfailover.connection.TemporalProfile;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Connects to a Temporal frontend over gRPC and checks that it answers before going on. */
public final class GrpcTemporalConnector implements TemporalConnector {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  @Override
  public TemporalConnection connect(String address, String namespace) {
    return connect(TemporalProfile.plain(address, namespace));
  }

  @Override
  public TemporalConnection connect(TemporalProfile profile) {
    WorkflowServiceStubs stubs;
    try {
      stubs =
          WorkflowServiceStubs.newConnectedServiceStubs(
              profile.serviceStubsOptions(), CONNECT_TIMEOUT);
    } catch (RuntimeException e) {
      throw new CliFailure(
          "cannot reach Temporal at "
              + profile.address()
              + " (namespace "
              + profile.namespace()
              + ") with TLS "
              + (profile.tls() ? "on" : "off")
              + ", authentication "
              + profile.authentication()
              + ", "
              + profile.source()
              + ": "
              + ConnectionFailures.explain(e, profile)
              + ". Start a local one with ./failover dev, or point --temporal-address or"
              + " TEMPORAL_ADDRESS (or a profile: --profile, --config-file) at yours.",
          e);
    }
    WorkflowClient client = WorkflowClient.newInstance(stubs, profile.clientOptions());
    return new TemporalConnection(
        client,
        () -> {
          stubs.shutdown();
          stubs.awaitTermination(2, TimeUnit.SECONDS);
        });
  }
}
