package dev.regionfailover.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ConnectionOptionsTest {

  @TempDir Path directory;

  private final List<String> problems = new ArrayList<>();

  @Test
  void theAddressFlagIsKeptAsGiven() {
    assertThat(options("--temporal-address", "temporal.example:7233").address())
        .isEqualTo("temporal.example:7233");
    assertThat(options().address()).isNull();
  }

  @Test
  void tlsFlagsReplaceSettingsOfTheProfileAndKeepTheOthers() throws Exception {
    Path ca = Files.writeString(directory.resolve("ca.pem"), aTrustedCertificate());
    Path file =
        Files.writeString(
            directory.resolve("temporal.toml"),
            """
            [profile.default]
            address = "temporal.example:7233"

            [profile.default.tls]
            server_ca_cert_path = "/profile/ca.pem"
            server_name = "temporal.example"
            """);

    Optional<TemporalProfile> profile =
        options("--tls-ca-path", ca.toString())
            .resolve(Map.of("TEMPORAL_CONFIG_FILE", file.toString()), problems);

    assertThat(problems).isEmpty();
    assertThat(profile.orElseThrow().serverCa()).isEqualTo(ca.toString());
    assertThat(profile.orElseThrow().tls()).isTrue();
    assertThat(profile.orElseThrow())
        .hasToString(
            "temporal.example:7233, namespace default, TLS on, authentication none, profile"
                + " default of "
                + file);
  }

  @Test
  void aConfigFileNamedByTheEnvironmentMustExist() {
    Optional<TemporalProfile> profile =
        options().resolve(Map.of("TEMPORAL_CONFIG_FILE", "/no/such.toml"), problems);

    assertThat(profile).isEmpty();
    assertThat(problems).containsExactly("TEMPORAL_CONFIG_FILE /no/such.toml is not a file");
  }

  @Test
  void aConfigFileThatIsNotTomlIsNamedWithTheReason() throws IOException {
    Path file = Files.writeString(directory.resolve("temporal.toml"), "[profile.default\n");

    Optional<TemporalProfile> profile =
        options("--config-file", file.toString()).resolve(Map.of(), problems);

    assertThat(profile).isEmpty();
    assertThat(problems)
        .singleElement()
        .asString()
        .startsWith("cannot read the Temporal config file " + file + ": ")
        .doesNotContain("\n");
  }

  @Test
  void tlsMaterialThatIsNotPemIsAProblemBeforeAnythingConnects() throws IOException {
    Path cert = Files.writeString(directory.resolve("client.pem"), "not a certificate");
    Path key = Files.writeString(directory.resolve("client.key"), "not a key");

    Optional<TemporalProfile> profile =
        options("--tls-cert-path", cert.toString(), "--tls-key-path", key.toString())
            .resolve(Map.of(), problems);

    assertThat(profile).isEmpty();
    assertThat(problems).singleElement().asString().startsWith("the TLS settings cannot be used: ");
  }

  @Test
  void aPlainProfileIsPlaintextWithoutCredentialsOrConfigFile() {
    TemporalProfile plain = TemporalProfile.plain("127.0.0.1:7233", "default");

    assertThat(plain.tls()).isFalse();
    assertThat(plain.clientCertificate()).isFalse();
    assertThat(plain.serverCa()).isNull();
    assertThat(plain)
        .hasToString(
            "127.0.0.1:7233, namespace default, TLS off, authentication none, no config file");
  }

  /** A real CA certificate in PEM, taken from the JVM's default trust store. */
  private static String aTrustedCertificate() throws GeneralSecurityException {
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init((KeyStore) null);
    X509TrustManager manager = (X509TrustManager) trust.getTrustManagers()[0];
    byte[] encoded = manager.getAcceptedIssuers()[0].getEncoded();
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(encoded)
        + "\n-----END CERTIFICATE-----\n";
  }

  private static ConnectionOptions options(String... args) {
    ConnectionOptions options = new ConnectionOptions();
    new CommandLine(options).parseArgs(args);
    return options;
  }
}
