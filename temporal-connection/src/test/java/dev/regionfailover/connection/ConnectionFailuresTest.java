package dev.regionfailover.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.ClientConfigTLS;
import java.net.ConnectException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class ConnectionFailuresTest {

  private static final String ADDRESS = "temporal.example:7233";

  @Test
  void aMissingClientCertificateNamesTheSettingsThatProvideOne() {
    String reason =
        ConnectionFailures.explain(
            wrapped(new SSLHandshakeException("Received fatal alert: certificate_required")),
            profile(ClientConfigTLS.newBuilder().build(), null));

    assertThat(reason)
        .startsWith("the server requires a TLS client certificate (mTLS) and none is configured")
        .contains("--tls-cert-path and --tls-key-path");
  }

  @Test
  void aConfiguredClientCertificateTheServerRefusesIsNamedAsRejected() {
    String reason =
        ConnectionFailures.explain(
            wrapped(new SSLHandshakeException("Received fatal alert: bad_certificate")),
            profile(
                ClientConfigTLS.newBuilder()
                    .setClientCertPath("/etc/client.pem")
                    .setClientKeyPath("/etc/client.key")
                    .build(),
                null));

    assertThat(reason).startsWith("the server rejected the TLS client certificate (mTLS)");
  }

  @Test
  void anUntrustedServerCertificateNamesTheCaOrTheDefaultTrustStore() {
    Throwable pkix =
        wrapped(
            new SSLHandshakeException(
                "PKIX path building failed: unable to find valid certification path"));

    assertThat(
            ConnectionFailures.explain(
                pkix,
                profile(
                    ClientConfigTLS.newBuilder().setServerCACertPath("/etc/ca.pem").build(), null)))
        .isEqualTo(
            "the server's TLS certificate is not trusted: it is not signed by the CA in"
                + " /etc/ca.pem");
    assertThat(
            ConnectionFailures.explain(pkix, profile(ClientConfigTLS.newBuilder().build(), null)))
        .startsWith("the server's TLS certificate is not trusted by the JVM's default trust store")
        .contains("--tls-ca-path");
  }

  @Test
  void aCertificateForAnotherNameSaysHowToNameTheServer() {
    String reason =
        ConnectionFailures.explain(
            wrapped(new SSLHandshakeException("No subject alternative DNS name matching found")),
            profile(ClientConfigTLS.newBuilder().build(), null));

    assertThat(reason)
        .isEqualTo(
            "the server's TLS certificate does not name "
                + ADDRESS
                + ": set the name it carries with --tls-server-name or TEMPORAL_TLS_SERVER_NAME");
  }

  @Test
  void aPlaintextServerIsToldApartFromATlsOne() {
    String reason =
        ConnectionFailures.explain(
            wrapped(new SSLHandshakeException("not an SSL/TLS record: 000012")),
            profile(ClientConfigTLS.newBuilder().build(), null));

    assertThat(reason).startsWith("the server does not speak TLS: turn TLS off (--tls=false");
  }

  @Test
  void aRefusedApiKeyIsNamedAndMissingCredentialsAreAskedFor() {
    Throwable unauthenticated =
        Status.UNAUTHENTICATED.withDescription("bad key").asRuntimeException();

    assertThat(ConnectionFailures.explain(unauthenticated, profile(null, "a-key")))
        .isEqualTo(
            "the server refused the API key (UNAUTHENTICATED): check --api-key or"
                + " TEMPORAL_API_KEY");
    assertThat(
            ConnectionFailures.explain(
                Status.PERMISSION_DENIED.asRuntimeException(), profile(null, null)))
        .startsWith("the server refused the connection (PERMISSION_DENIED): it needs credentials");
  }

  @Test
  void otherFailuresGiveTheInnermostMessageAndHintAtTlsOnlyWhenSomethingAnswered() {
    TemporalProfile plaintext = TemporalProfile.plain(ADDRESS, "default");

    assertThat(
            ConnectionFailures.explain(
                wrapped(new ConnectException("Connection refused")), plaintext))
        .isEqualTo("Connection refused");
    assertThat(
            ConnectionFailures.explain(
                Status.UNAVAILABLE
                    .withDescription("Connection closed")
                    .withCause(new IllegalStateException("stream closed before headers"))
                    .asRuntimeException(),
                plaintext))
        .isEqualTo(
            "stream closed before headers (TLS is off: if the server requires TLS, pass --tls or"
                + " set TEMPORAL_TLS=true)");
  }

  private static Throwable wrapped(Throwable cause) {
    return new IllegalStateException(
        "Failed to connect", Status.UNAVAILABLE.withCause(cause).asRuntimeException());
  }

  private static TemporalProfile profile(ClientConfigTLS tls, String apiKey) {
    ClientConfigProfile.Builder profile =
        ClientConfigProfile.newBuilder().setAddress(ADDRESS).setNamespace("default").setTls(tls);
    if (apiKey != null) {
      profile.setApiKey(apiKey);
    }
    return new TemporalProfile(profile.build(), "default", null);
  }
}
