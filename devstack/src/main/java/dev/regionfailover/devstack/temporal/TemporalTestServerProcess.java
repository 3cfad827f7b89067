package dev.regionfailover.devstack.temporal;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.devstack.process.JavaProcess;
import dev.regionfailover.devstack.process.LogFiles;
import dev.regionfailover.workflows.visibility.SearchAttributes;
import io.temporal.api.operatorservice.v1.AddSearchAttributesRequest;
import io.temporal.common.SearchAttributeKey;
import io.temporal.serviceclient.OperatorServiceStubs;
import io.temporal.serviceclient.OperatorServiceStubsOptions;
import java.time.Duration;
import java.util.Optional;

/**
 * The Temporal Java test server (from temporal-test-server) as a standalone gRPC server in its own
 * JVM, so that workers in other processes can use it and process tests can kill workers without
 * taking the server down. It has no Schedules API and no visibility queries, and it ignores sticky
 * queue timeouts: workers attached to it must set {@code
 * WorkerOptions.setStickyQueueScheduleToStartTimeout(Duration.ZERO)}.
 */
public final class TemporalTestServerProcess implements TemporalServer {

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final JavaProcess process;
  private final String target;

  private TemporalTestServerProcess(JavaProcess process, String target) {
    this.process = requireNonNull(process, "process is null");
    this.target = requireNonNull(target, "target is null");
  }

  /** Starts the test server on a free loopback port and waits until it serves gRPC. */
  public static TemporalTestServerProcess start() {
    return start(FreePorts.loopback());
  }

  /** Starts the test server on {@code port} of 127.0.0.1 and waits until it serves gRPC. */
  public static TemporalTestServerProcess start(int port) {
    JavaProcess process =
        JavaProcess.builder(LoopbackTestServerMain.class.getName())
            // A small heap and the client compiler keep the second JVM light on a 2-core machine.
            .jvmArgs("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
            .args(Integer.toString(port))
            .logFile(LogFiles.file("temporal-test-server-" + port))
            .build();
    String target = "127.0.0.1:" + port;
    process.start();
    try {
      TemporalReadiness.await(target, process, STARTUP_TIMEOUT);
      registerSearchAttributes(target);
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    return new TemporalTestServerProcess(process, target);
  }

  /**
   * Registers the project's search attributes in the default namespace, as the dev server does: the
   * test server refuses an upsert of an attribute it does not know, and every failover would then
   * stick in its first workflow task.
   */
  private static void registerSearchAttributes(String target) {
    OperatorServiceStubs operator =
        OperatorServiceStubs.newServiceStubs(
            OperatorServiceStubsOptions.newBuilder()
                .setTarget(target)
                .validateAndBuildWithDefaults());
    try {
      AddSearchAttributesRequest.Builder request =
          AddSearchAttributesRequest.newBuilder().setNamespace("default");
      for (SearchAttributeKey<?> key : SearchAttributes.ALL) {
        request.putSearchAttributes(key.getName(), key.getValueType());
      }
      operator.blockingStub().addSearchAttributes(request.build());
    } finally {
      operator.shutdownNow();
    }
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public Optional<String> uiAddress() {
    return Optional.empty();
  }

  @Override
  public boolean supportsSchedules() {
    return false;
  }

  @Override
  public Duration stickyScheduleToStartTimeout() {
    return Duration.ZERO;
  }

  /** The server's JVM, for tests that need its pid or liveness. */
  public JavaProcess process() {
    return process;
  }

  @Override
  public void close() {
    process.close();
  }
}
