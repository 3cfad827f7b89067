package dev.regionfailover.starter;

import dev.regionfailover.starter.temporal.WorkflowCalls;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Connects to a Temporal frontend over gRPC and checks that it answers before going on. */
public final class GrpcTemporalConnector implements TemporalConnector {

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  @Override
  public TemporalConnection connect(String address, String namespace) {
    WorkflowServiceStubs stubs;
    try {
      stubs =
          WorkflowServiceStubs.newConnectedServiceStubs(
              WorkflowServiceStubsOptions.newBuilder().setTarget(address).build(), CONNECT_TIMEOUT);
    } catch (RuntimeException e) {
      throw new CliFailure(
          "cannot reach Temporal at "
              + address
              + " (namespace "
              + namespace
              + "): "
              + WorkflowCalls.rootMessage(e)
              + ". Start a local one with ./failover dev, or point --temporal-address or"
              + " TEMPORAL_ADDRESS at yours.",
          e);
    }
    WorkflowClient client =
        WorkflowClient.newInstance(
            stubs, WorkflowClientOptions.newBuilder().setNamespace(namespace).build());
    return new TemporalConnection(
        client,
        () -> {
          stubs.shutdown();
          stubs.awaitTermination(2, TimeUnit.SECONDS);
        });
  }
}
