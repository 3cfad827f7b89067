package dev.regionfailover.devstack.temporal;

import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the Temporal Java test server on 127.0.0.1 only. The test server's own main class ({@code
 * io.temporal.testserver.TestServer}) listens on every interface, which the dev stack must not do;
 * this main assembles the same services and health checks on a loopback address, with time skipping
 * locked so that the server keeps real time like a real Temporal server.
 *
 * <p>Usage: {@code LoopbackTestServerMain PORT}.
 */
public final class LoopbackTestServerMain {

  private static final Logger log = LoggerFactory.getLogger(LoopbackTestServerMain.class);

  private LoopbackTestServerMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (args.length != 1 || !args[0].matches("\\d{1,5}")) {
      throw new IllegalArgumentException(
          "usage: LoopbackTestServerMain PORT (got " + String.join(" ", args) + ")");
    }
    int port = Integer.parseInt(args[0]);
    TestServicesStarter services = new TestServicesStarter(true, 0);
    ServerBuilder<?> builder =
        NettyServerBuilder.forAddress(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
            InsecureServerCredentials.create());
    GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
    Server server = builder.build().start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.shutdown();
                  try {
                    server.awaitTermination(5, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  services.close();
                  server.shutdownNow();
                },
                "temporal-test-server-shutdown"));
    log.info("Temporal test server listening on 127.0.0.1:{}", port);
    server.awaitTermination();
  }
}
