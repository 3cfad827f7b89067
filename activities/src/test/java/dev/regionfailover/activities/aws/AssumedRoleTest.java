package dev.regionfailover.activities.aws;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.regionfailover.workflows.estate.AwsAccount;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * What an activity sees when STS will not give it an app's role: a refusal names the role, the
 * region and what grants the role, and cannot succeed by retrying; throttling stays retryable. The
 * emulator grants every role, so an STS that refuses is played by a small local server.
 */
class AssumedRoleTest {

  private static final AwsAccount ORDERS =
      new AwsAccount("arn:aws:iam::111111111111:role/region-failover", "orders-external-id");

  private HttpServer sts;
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int status;
  private volatile String code;

  @BeforeEach
  void startSts() throws IOException {
    sts = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sts.createContext(
        "/",
        exchange -> {
          requests.incrementAndGet();
          byte[] body =
              ("<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error>"
                      + "<Type>Sender</Type><Code>"
                      + code
                      + "</Code><Message>User: arn:aws:sts::999999999999:assumed-role/worker/i-1"
                      + " is not authorized to perform: sts:AssumeRole</Message></Error>"
                      + "<RequestId>r-1</RequestId></ErrorResponse>")
                  .getBytes(UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/xml");
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    sts.start();
  }

  @AfterEach
  void stopSts() {
    sts.stop(0);
  }

  @Test
  void aRefusedRoleSaysWhichRoleInWhichRegionAndWhatGrantsIt() {
    status = 403;
    code = "AccessDenied";
    try (AwsClients clients = clients()) {
      assertThatThrownBy(() -> describeParameters(clients))
          .isInstanceOfSatisfying(
              ApplicationFailure.class, failure -> assertThat(failure.isNonRetryable()).isTrue())
          .hasMessageContaining(
              "the worker cannot assume arn:aws:iam::111111111111:role/region-failover through"
                  + " STS of eu-west-1")
          .hasMessageContaining("is not authorized to perform: sts:AssumeRole")
          .hasMessageContaining("aws.externalId")
          .hasMessageContaining("--trust-policy and --assume-policy");
    }
    assertThat(requests).as("one AssumeRole, and no call of SSM without credentials").hasValue(1);
  }

  @Test
  void aThrottledStsIsLeftForTheActivitysRetries() {
    status = 400;
    code = "Throttling";
    try (AwsClients clients = clients()) {
      assertThatThrownBy(() -> describeParameters(clients))
          .isInstanceOfSatisfying(
              StsException.class, e -> assertThat(e.isThrottlingException()).isTrue());
    }
  }

  private Object describeParameters(AwsClients clients) {
    return AwsFailures.call(
        "DescribeParameters",
        "the parameters of orders",
        "eu-west-1",
        () -> clients.forAccount(ORDERS).ssm("eu-west-1").describeParameters());
  }

  private AwsClients clients() {
    return new AwsClients(
        new AwsSettings(
            Optional.of(URI.create("http://127.0.0.1:" + sts.getAddress().getPort())),
            StaticCredentialsProvider.create(AwsBasicCredentials.create("worker", "worker")),
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            2));
  }
}
