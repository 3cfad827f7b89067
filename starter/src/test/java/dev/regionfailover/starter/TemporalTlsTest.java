package dev.regionfailover.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.tls.CertificateFiles;
import dev.regionfailover.devstack.tls.SecuredTemporal;
import dev.regionfailover.devstack.tls.TestCertificateAuthority;
import dev.regionfailover.starter.cli.GrpcTemporalConnector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The CLI reaches the real Temporal dev server through nginx terminating TLS: with mutual TLS from
 * a TOML profile, and with an API key that arrives as a bearer token. Flags win over the profile.
 */
class TemporalTlsTest {

  private static final String API_KEY = "cli-api-key-51c9";
  private static final String NO_SCHEDULES = "No rehearsal schedules.";

  @TempDir static Path files;

  private static SecuredTemporal secured;
  private static TestCertificateAuthority otherCa;
  private static Path config;

  @BeforeAll
  static void startProxies() throws IOException {
    secured = SecuredTemporal.start(files, "failover-cli", API_KEY);
    otherCa = TestCertificateAuthority.create(secured.tools().openssl(), files, "another CA");
    config = Files.writeString(files.resolve("temporal.toml"), secured.mutualTlsProfile("secured"));
  }

  @AfterAll
  static void stopProxies() {
    if (secured != null) {
      secured.close();
    }
  }

  @Test
  void theCliReachesTemporalThroughMutualTlsWithAProfile() {
    Run run =
        Run.of(
            new GrpcTemporalConnector(),
            "schedule",
            "list",
            "--config-file",
            config.toString(),
            "--profile",
            "secured");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith(NO_SCHEDULES);
  }

  @Test
  void flagsWinOverTheProfileAndAFailureSaysWhichConnectionFailed() {
    Run run =
        Run.of(
            new GrpcTemporalConnector(),
            "schedule",
            "list",
            "--config-file",
            config.toString(),
            "--profile",
            "secured",
            "--tls-ca-path",
            otherCa.certificate().toString());

    assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.SOFTWARE);
    assertThat(run.err())
        .contains(
            "cannot reach Temporal at " + secured.mutualTls().target() + " (namespace default)")
        .contains("TLS on, authentication mTLS client certificate, profile secured of " + config)
        .contains(
            "the server's TLS certificate is not trusted: it is not signed by the CA in "
                + otherCa.certificate());
  }

  @Test
  void aClientCertificateOfAnotherCaIsNamedAsRejected() {
    CertificateFiles stranger = otherCa.issueClient("stranger");
    Run run =
        Run.of(
            new GrpcTemporalConnector(),
            "schedule",
            "list",
            "--temporal-address",
            secured.mutualTls().target(),
            "--tls-ca-path",
            secured.ca().certificate().toString(),
            "--tls-cert-path",
            stranger.certificate().toString(),
            "--tls-key-path",
            stranger.privateKey().toString());

    assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.SOFTWARE);
    assertThat(run.err()).contains("the server rejected the TLS client certificate (mTLS)");
  }

  @Test
  void theApiKeyArrivesAtTheServerAsABearerToken() {
    Run run =
        Run.of(
            new GrpcTemporalConnector(),
            "schedule",
            "list",
            "--temporal-address",
            secured.apiKeyProxy().target(),
            "--api-key",
            API_KEY,
            "--tls-ca-path",
            secured.ca().certificate().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith(NO_SCHEDULES);
    assertThat(secured.apiKeyProxy().authorizationHeaders()).contains("Bearer " + API_KEY);
  }

  @Test
  void aRefusedApiKeyIsNamed() {
    Run run =
        Run.of(
            new GrpcTemporalConnector(),
            "schedule",
            "list",
            "--temporal-address",
            secured.apiKeyProxy().target(),
            "--api-key",
            "wrong-key",
            "--tls-ca-path",
            secured.ca().certificate().toString());

    assertThat(run.exitCode()).isEqualTo(CommandLine.ExitCode.SOFTWARE);
    assertThat(run.err())
        .contains("the server refused the API key (UNAUTHENTICATED)")
        .doesNotContain("wrong-key");
  }
}
