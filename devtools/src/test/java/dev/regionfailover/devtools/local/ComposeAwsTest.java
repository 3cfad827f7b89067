package dev.regionfailover.devtools.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.devstack.aws.MotoServer;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.rds.model.GlobalCluster;

/**
 * The AWS side of deploy/compose.yaml, run against a real moto_server in place of its container.
 */
class ComposeAwsTest {

  private static final Path ESTATES = Path.of("..", "deploy", "estates");

  private static MotoServer moto;

  @TempDir Path directory;

  @BeforeAll
  static void startMoto() {
    moto = MotoServer.start();
  }

  @AfterAll
  static void stopMoto() {
    moto.close();
  }

  @Test
  void provisionsTheEstatesBehindTheStandInAndSaysSoInTheReadyFile() throws Exception {
    Path ready = directory.resolve("ready");

    try (ComposeAws aws = ComposeAws.start(settings(ready));
        EmulatorClients clients = new EmulatorClients(aws.endpoint())) {
      assertThat(Files.readString(ready)).contains("orders");
      GlobalCluster cluster =
          clients.rds("us-east-1").describeGlobalClusters().globalClusters().get(0);
      assertThat(cluster.globalClusterMembers())
          .anySatisfy(member -> assertThat(member.isWriter()).isTrue());
    }
    assertThat(ready).doesNotExist();
  }

  @Test
  void aRestartProvisionsAgainIntoAClearedMoto() {
    Path ready = directory.resolve("ready");
    try (ComposeAws first = ComposeAws.start(settings(ready))) {
      assertThat(ready).exists();
    }

    try (ComposeAws second = ComposeAws.start(settings(ready));
        EmulatorClients clients = new EmulatorClients(second.endpoint())) {
      assertThat(ready).exists();
      assertThat(clients.rds("us-east-1").describeGlobalClusters().globalClusters()).hasSize(1);
    }
  }

  @Test
  void otherContainersReachTheStandInOnANonLoopbackAddress() throws Exception {
    InetAddress external =
        externalAddress()
            .orElseThrow(() -> new AssertionError("this machine has no non-loopback IPv4 address"));
    Path ready = directory.resolve("ready");

    try (ComposeAws aws = ComposeAws.start(settings(ready));
        Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(external, aws.endpoint().getPort()), 2_000);
      assertThat(socket.isConnected()).isTrue();
    }
  }

  @Test
  void namesEveryMissingOrInvalidVariable() {
    assertThatThrownBy(() -> ComposeAws.Settings.from(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MOTO_ENDPOINT is not set; set it to moto's URL");

    assertThatThrownBy(
            () ->
                ComposeAws.Settings.from(
                    Map.of("MOTO_ENDPOINT", "moto:5000", "STAND_IN_PORT", "70000")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("MOTO_ENDPOINT moto:5000 is not an http URL")
        .hasMessageContaining("STAND_IN_PORT 70000 is not a port number from 1 to 65535");
  }

  @Test
  void readsTheComposeFilesVariablesWithDefaults() {
    ComposeAws.Settings settings =
        ComposeAws.Settings.from(
            Map.of("MOTO_ENDPOINT", "http://moto:5000", "FAILOVER_ESTATES_DIR", "/estates"));

    assertThat(settings.moto()).isEqualTo(URI.create("http://moto:5000"));
    assertThat(settings.estatesDirectory()).isEqualTo(Path.of("/estates"));
    assertThat(settings.port()).isEqualTo(LocalStackConfig.DEFAULT_AWS_PORT);
    assertThat(settings.readyFile()).isEqualTo(Path.of(ComposeAws.DEFAULT_READY_FILE));
  }

  private ComposeAws.Settings settings(Path ready) {
    return new ComposeAws.Settings(moto.endpoint(), ESTATES, 0, ready);
  }

  private static Optional<InetAddress> externalAddress() throws SocketException {
    return NetworkInterface.networkInterfaces()
        .filter(ComposeAwsTest::isUp)
        .flatMap(NetworkInterface::inetAddresses)
        .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
        .findFirst();
  }

  private static boolean isUp(NetworkInterface network) {
    try {
      return network.isUp() && !network.isLoopback();
    } catch (SocketException e) {
      return false;
    }
  }
}
