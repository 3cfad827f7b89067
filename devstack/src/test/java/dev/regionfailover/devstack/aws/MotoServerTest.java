package dev.regionfailover.devstack.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regionfailover.devstack.process.FreePorts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

class MotoServerTest {

  @TempDir Path emptyDirectory;

  @Test
  void resetClearsStateAndCloseEndsTheServer() {
    int port;
    try (MotoServer moto = MotoServer.start();
        EmulatorClients clients = new EmulatorClients(moto.endpoint())) {
      port = moto.endpoint().getPort();
      assertThat(moto.endpoint().getHost()).isEqualTo("127.0.0.1");
      DynamoDbClient dynamo = clients.dynamo("eu-west-1");
      dynamo.createTable(
          r ->
              r.tableName("t")
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                  .attributeDefinitions(
                      a -> a.attributeName("pk").attributeType(ScalarAttributeType.S)));
      assertThat(dynamo.listTables().tableNames()).containsExactly("t");

      moto.reset();

      assertThat(dynamo.listTables().tableNames()).isEmpty();
      assertThat(moto.isAlive()).isTrue();
    }
    assertThat(acceptsConnections(port)).isFalse();
  }

  @Test
  void tellsHowToInstallMotoWhenItIsNotOnThePath() {
    assertThatThrownBy(() -> MotoServer.start(FreePorts.loopback(), emptyDirectory.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("moto_server not found on PATH; install it with: pip install 'moto[server]'");
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
