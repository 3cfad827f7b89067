package dev.regionfailover.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regionfailover.workflows.quota.QuotaApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkerConfigTest {

  private static final String ESTATES = Path.of("..", "deploy", "estates").toString();

  @TempDir Path directory;

  @Test
  void defaultsApplyWhenNothingIsSet() {
    WorkerConfig config = WorkerConfig.from(new String[] {"--estates", ESTATES}, Map.of());

    assertThat(config.temporal().address()).isEqualTo("127.0.0.1:7233");
    assertThat(config.temporal().namespace()).isEqualTo("default");
    assertThat(config.temporal().tls()).isFalse();
    assertThat(config.temporal().authentication()).isEqualTo("none");
    assertThat(config.stickyScheduleToStartTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.httpPort()).isEqualTo(8080);
    assertThat(config.shutdownGrace()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void theHttpPortAndShutdownGraceComeFromTheEnvironmentOrFlags() {
    Map<String, String> environment =
        Map.of(
            "FAILOVER_ESTATES_DIR", ESTATES,
            "FAILOVER_HTTP_PORT", "9464",
            "FAILOVER_SHUTDOWN_GRACE", "PT2M");

    WorkerConfig fromEnvironment = WorkerConfig.from(new String[0], environment);
    WorkerConfig fromFlags =
        WorkerConfig.from(
            new String[] {"--http-port", "9000", "--shutdown-grace", "PT10S"}, environment);

    assertThat(fromEnvironment.httpPort()).isEqualTo(9464);
    assertThat(fromEnvironment.shutdownGrace()).isEqualTo(Duration.ofMinutes(2));
    assertThat(fromFlags.httpPort()).isEqualTo(9000);
    assertThat(fromFlags.shutdownGrace()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void aBadHttpPortOrShutdownGraceIsNamedWithItsValue() {
    assertThatThrownBy(
            () ->
                WorkerConfig.from(
                    new String[] {"--estates", ESTATES, "--http-port", "80a"},
                    Map.of("FAILOVER_SHUTDOWN_GRACE", "60s")))
        .hasMessageContaining("--http-port 80a is not a port number from 1 to 65535")
        .hasMessageContaining("--shutdown-grace 60s is not an ISO-8601 duration such as PT60S");
    assertThatThrownBy(
            () ->
                WorkerConfig.from(
                    new String[] {
                      "--estates", ESTATES, "--http-port", "70000", "--shutdown-grace", "-PT1S"
                    },
                    Map.of()))
        .hasMessageContaining("--http-port 70000 is not a port number from 1 to 65535")
        .hasMessageContaining("--shutdown-grace -PT1S must not be negative");
  }

  @Test
  void environmentIsReadAndFlagsWinOverIt() {
    WorkerConfig config =
        WorkerConfig.from(
            new String[] {"--namespace=prod"},
            Map.of(
                "TEMPORAL_ADDRESS", "temporal.internal:7233",
                "TEMPORAL_NAMESPACE", "staging",
                "FAILOVER_ESTATES_DIR", ESTATES,
                "TEMPORAL_STICKY_TIMEOUT", "PT0S"));

    assertThat(config.temporal().address()).isEqualTo("temporal.internal:7233");
    assertThat(config.temporal().namespace()).isEqualTo("prod");
    assertThat(config.estatesDirectory()).isEqualTo(Path.of(ESTATES));
    assertThat(config.stickyScheduleToStartTimeout()).isZero();
  }

  @Test
  void theProfileIsReadAndEnvironmentAndFlagsWinOverIt() throws IOException {
    Path file =
        Files.writeString(
            directory.resolve("temporal.toml"),
            """
            [profile.default]
            address = "default.example:7233"

            [profile.cloud]
            address = "orders.a1b2c.tmprl.cloud:7233"
            namespace = "orders.a1b2c"
            api_key = "profile-key"

            [profile.cloud.tls]
            server_name = "orders.a1b2c.tmprl.cloud"
            """);

    WorkerConfig fromProfile =
        WorkerConfig.from(
            new String[] {"--estates", ESTATES, "--profile", "cloud"},
            Map.of("TEMPORAL_CONFIG_FILE", file.toString()));
    WorkerConfig overridden =
        WorkerConfig.from(
            new String[] {
              "--estates", ESTATES, "--config-file", file.toString(), "--namespace", "flagged"
            },
            Map.of(
                "TEMPORAL_PROFILE", "cloud",
                "TEMPORAL_ADDRESS", "env.example:7233",
                "TEMPORAL_NAMESPACE", "from-env"));

    assertThat(fromProfile.temporal().address()).isEqualTo("orders.a1b2c.tmprl.cloud:7233");
    assertThat(fromProfile.temporal().namespace()).isEqualTo("orders.a1b2c");
    assertThat(fromProfile.temporal().tls()).isTrue();
    assertThat(fromProfile.temporal().authentication()).isEqualTo("API key");
    assertThat(fromProfile.temporal().source()).isEqualTo("profile cloud of " + file);
    assertThat(overridden.temporal().address()).isEqualTo("env.example:7233");
    assertThat(overridden.temporal().namespace()).isEqualTo("flagged");
  }

  @Test
  void flagsTurnTlsOnWithAClientCertificate() throws IOException {
    Path cert = Files.writeString(directory.resolve("client.pem"), "unused");
    Path key = Files.writeString(directory.resolve("client.key"), "unused");

    WorkerConfig config =
        WorkerConfig.from(
            new String[] {"--estates", ESTATES, "--tls=false", "--tls-cert-path", cert.toString()},
            Map.of("TEMPORAL_TLS", "true", "TEMPORAL_TLS_CLIENT_KEY_PATH", key.toString()));

    assertThat(config.temporal().tls()).as("--tls=false wins over TEMPORAL_TLS").isFalse();
    assertThatThrownBy(
            () ->
                WorkerConfig.from(
                    new String[] {"--estates", ESTATES, "--tls-cert-path", cert.toString()},
                    Map.of()))
        .hasMessageContaining("a TLS client certificate needs its private key");
  }

  @Test
  void theApiKeyIsNeverShown() {
    WorkerConfig config =
        WorkerConfig.from(
            new String[] {"--estates", ESTATES, "--api-key", "s3cr3t-key"},
            Map.of("TEMPORAL_ADDRESS", "orders.a1b2c.tmprl.cloud:7233"));

    assertThat(config.temporal().authentication()).isEqualTo("API key");
    assertThat(config.temporal().tls()).as("an API key implies TLS").isTrue();
    assertThat(config.toString()).doesNotContain("s3cr3t-key").contains("TLS on");
    assertThat(config.temporal().toString()).doesNotContain("s3cr3t-key");
  }

  @Test
  void aMissingConfigFileOrProfileIsAProblem() throws IOException {
    Path file = Files.writeString(directory.resolve("temporal.toml"), "[profile.default]\n");

    assertThatThrownBy(
            () ->
                WorkerConfig.from(
                    new String[] {"--estates", ESTATES, "--config-file", "/no/such.toml"},
                    Map.of()))
        .hasMessageContaining("--config-file /no/such.toml is not a file");
    assertThatThrownBy(
            () ->
                WorkerConfig.from(
                    new String[] {"--estates", ESTATES},
                    Map.of("TEMPORAL_CONFIG_FILE", file.toString(), "TEMPORAL_PROFILE", "prod")))
        .hasMessageContaining(
            "profile prod (--profile or TEMPORAL_PROFILE) is not in the Temporal config file "
                + file);
  }

  @Test
  void everyProblemIsReportedWithTheValue() {
    assertThatThrownBy(
            () ->
                WorkerConfig.from(
                    new String[] {
                      "--temporal-address",
                      "nohost",
                      "--estates",
                      "/no/such/dir",
                      "--sticky-timeout",
                      "5s",
                      "--tls-ca-path",
                      "/no/ca.pem",
                      "--verbose",
                      "--namespace"
                    },
                    Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown option: '--verbose'")
        .hasMessageContaining("Missing required parameter for option '--namespace'")
        .hasMessageContaining("Temporal address nohost must be HOST:PORT")
        .hasMessageContaining("TLS server CA certificate /no/ca.pem is not a readable file")
        .hasMessageContaining("--estates /no/such/dir is not a directory")
        .hasMessageContaining("--sticky-timeout 5s is not an ISO-8601 duration")
        .hasMessageContaining("Usage: WorkerMain");
  }

  @Test
  void quotaRatesDefaultToAwsPublishedOrConservativeValuesAndComeFromEnvironmentOrFlags() {
    WorkerConfig defaults = WorkerConfig.from(new String[] {"--estates", ESTATES}, Map.of());
    WorkerConfig configured =
        WorkerConfig.from(
            new String[] {"--estates", ESTATES, "--quota-rds", "0.5"},
            Map.of("FAILOVER_QUOTA_ROUTE53", "3", "FAILOVER_QUOTA_RDS", "2"));

    for (QuotaApi api : QuotaApi.values()) {
      assertThat(defaults.quotaRates().of(api)).isEqualTo(api.defaultPerSecond());
    }
    assertThat(defaults.quotaRates().of(QuotaApi.ROUTE53)).isEqualTo(4);
    assertThat(configured.quotaRates().of(QuotaApi.ROUTE53)).isEqualTo(3);
    assertThat(configured.quotaRates().of(QuotaApi.RDS)).isEqualTo(0.5);
  }

  @Test
  void aQuotaRateThatIsNotAPositiveNumberIsNamed() {
    assertThatThrownBy(
            () ->
                WorkerConfig.from(
                    new String[] {"--estates", ESTATES, "--quota-route53", "0"},
                    Map.of("FAILOVER_QUOTA_GLOBALACCELERATOR", "fast")))
        .hasMessageContaining(
            "--quota-route53 0 is not a positive number of calls per second, such as 5 or 0.5")
        .hasMessageContaining("--quota-globalaccelerator fast is not a positive number");
  }
}
