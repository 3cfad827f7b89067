package dev.regionfailover.starter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.temporal.TemporalDevServer;
import dev.regionfailover.devstack.tls.CertificateFiles;
import dev.regionfailover.devstack.tls.NginxGrpcProxy;
import dev.regionfailover.devstack.tls.TestCertificateAuthority;
import dev.regionfailover.devstack.tls.TlsTestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI reaches the real Temporal dev server through nginx terminating TLS: with mutual TLS from
 * a TOML profile, and with an API key that arrives as a bearer token. Flags win over the profile.
 */
class TemporalTlsTest {

  private static final String API_KEY = "cli-api-key-51c9";
  private static final String NO_SCHEDULES = "No rehearsal schedules.";

  @TempDir static Path files;

  private static TemporalDevServer temporal;
  private static TestCertificateAuthority ca;
  private static TestCertificateAuthority otherCa;
  private static NginxGrpcProxy mutualTls;
  private static NginxGrpcProxy apiKeyProxy;
  private static Path config;

  @BeforeAll
  static void startProxies() throws IOException {
    TlsTestTools tools = TlsTestTools.requireForTest();
    temporal = TemporalDevServer.startForTest();
    ca = TestCertificateAuthority.create(tools.openssl(), files, "region-failover test CA");
    otherCa = TestCertificateAuthority.create(tools.openssl(), files, "another CA");
    CertificateFiles server = ca.issueServer("temporal-proxy");
    CertificateFiles client = ca.issueClient("failover-cli");
    mutualTls =
        NginxGrpcProxy.builder(tools.nginx(), temporal.target())
            .serverCertificate(server)
            .requireClientCertificate(ca.certificate())
            .start();
    apiKeyProxy =
        NginxGrpcProxy.builder(tools.nginx(), temporal.target())
            .serverCertificate(server)
            .requireBearerToken(API_KEY)
            .start();
    config =
        Files.writeString(
            files.resolve("temporal.toml"),
            """
            [profile.secured]
            address = "%s"
            namespace = "default"

            [profile.secured.tls]
            client_cert_path = "%s"
            client_key_path = "%s"
            server_ca_cert_path = "%s"
            """
                .formatted(
                    mutualTls.target(),
                    client.certificate(),
                    client.privateKey(),
                    ca.certificate()));
  }

  @AfterAll
  static void stopProxies() {
    for (AutoCloseable closeable : new AutoCloseable[] {apiKeyProxy, mutualTls, temporal}) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
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

    assertThat(run.exitCode()).isEqualTo(FailoverCli.FAILED);
    assertThat(run.err())
        .contains("cannot reach Temporal at " + mutualTls.target() + " (namespace default)")
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
            mutualTls.target(),
            "--tls-ca-path",
            ca.certificate().toString(),
            "--tls-cert-path",
            stranger.certificate().toString(),
            "--tls-key-path",
            stranger.privateKey().toString());

    assertThat(run.exitCode()).isEqualTo(FailoverCli.FAILED);
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
            apiKeyProxy.target(),
            "--api-key",
            API_KEY,
            "--tls-ca-path",
            ca.certificate().toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith(NO_SCHEDULES);
    assertThat(apiKeyProxy.authorizationHeaders()).contains("Bearer " + API_KEY);
  }

  @Test
  void aRefusedApiKeyIsNamed() {
    Run run =
        Run.of(
            new GrpcTemporalConnector(),
            "schedule",
            "list",
            "--temporal-address",
            apiKeyProxy.target(),
            "--api-key",
            "wrong-key",
            "--tls-ca-path",
            ca.certificate().toString());

    assertThat(run.exitCode()).isEqualTo(FailoverCli.FAILED);
    assertThat(run.err())
        .contains("the server refused the API key (UNAUTHENTICATED)")
        .doesNotContain("wrong-key");
  }
}
