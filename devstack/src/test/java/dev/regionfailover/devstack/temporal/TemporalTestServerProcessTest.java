package dev.regionfailover.devstack.temporal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regionfailover.devstack.process.Executables;
import dev.regionfailover.devstack.process.FreePorts;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.api.workflowservice.v1.DescribeNamespaceResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalTestServerProcessTest {

  @TempDir Path bin;

  @Test
  void servesTheDefaultNamespaceOnLoopbackAndIsGoneAfterClose() {
    long pid;
    String target;
    try (TemporalTestServerProcess server = TemporalTestServerProcess.start()) {
      pid = server.process().pid();
      target = server.target();
      assertThat(target).startsWith("127.0.0.1:");
      assertThat(server.supportsSchedules()).isFalse();
      assertThat(describeDefault(target).getNamespaceInfo().getName()).isEqualTo("default");
    }

    assertThat(ProcessHandle.of(pid)).isEmpty();
    assertThatThrownBy(() -> describeDefault(target)).isInstanceOf(StatusRuntimeException.class);
  }

  @Test
  void startUsesTheTestServerWithoutATemporalCli() {
    int port = FreePorts.loopback();
    try (TemporalServer server =
        TemporalServers.start(
            DevServerSettings.headless(port),
            Executables.onPath("temporal", bin.toString()),
            false)) {
      assertThat(server).isInstanceOf(TemporalTestServerProcess.class);
      assertThat(server.target()).isEqualTo("127.0.0.1:" + port);
      assertThat(acceptsConnections(port)).isTrue();
    }
    assertThat(acceptsConnections(port)).isFalse();
  }

  private static DescribeNamespaceResponse describeDefault(String target) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(target).build());
    try {
      return stubs
          .blockingStub()
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .describeNamespace(DescribeNamespaceRequest.newBuilder().setNamespace("default").build());
    } finally {
      stubs.shutdownNow();
    }
  }

  private static boolean acceptsConnections(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
