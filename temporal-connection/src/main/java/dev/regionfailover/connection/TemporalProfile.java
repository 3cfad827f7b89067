package dev.regionfailover.connection;

import static java.util.Objects.requireNonNull;

import io.temporal.client.WorkflowClientOptions;
import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.ClientConfigTLS;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A resolved Temporal connection: address, namespace, TLS and credentials. Its text never holds the
 * API key or key material, so it is safe to log.
 */
public final class TemporalProfile {

  private final ClientConfigProfile profile;
  private final String profileName;
  private final String configFile;

  /**
   * @param configFile the config file the profile came from, or null when no file was read
   */
  TemporalProfile(ClientConfigProfile profile, String profileName, String configFile) {
    this.profile = requireNonNull(profile, "profile is null");
    this.profileName = requireNonNull(profileName, "profileName is null");
    this.configFile = configFile;
  }

  /** A plaintext connection without credentials or config file, as to the local dev stack. */
  public static TemporalProfile plain(String address, String namespace) {
    return new TemporalProfile(
        ClientConfigProfile.newBuilder().setAddress(address).setNamespace(namespace).build(),
        "default",
        null);
  }

  public String address() {
    return profile.getAddress();
  }

  public String namespace() {
    return profile.getNamespace();
  }

  /** Whether the connection uses TLS, decided as Temporal's environment configuration does. */
  public boolean tls() {
    ClientConfigTLS tls = profile.getTls();
    return tls != null ? !Boolean.TRUE.equals(tls.isDisabled()) : hasApiKey();
  }

  /** Whether a client certificate is configured (mutual TLS). */
  public boolean clientCertificate() {
    ClientConfigTLS tls = profile.getTls();
    return tls()
        && tls != null
        && (present(tls.getClientCertPath()) || tls.getClientCertData() != null);
  }

  /** The CA file that must have signed the server's certificate, if one is configured. */
  public String serverCa() {
    ClientConfigTLS tls = profile.getTls();
    if (tls == null) {
      return null;
    }
    if (present(tls.getServerCACertPath())) {
      return tls.getServerCACertPath();
    }
    return tls.getServerCACertData() != null ? "the profile's server_ca_cert_data" : null;
  }

  /** How the client proves who it is: {@code API key}, {@code mTLS client certificate} or none. */
  public String authentication() {
    if (hasApiKey()) {
      return "API key";
    }
    return clientCertificate() ? "mTLS client certificate" : "none";
  }

  /** The profile and the config file it came from, or that no config file was read. */
  public String source() {
    return configFile == null ? "no config file" : "profile " + profileName + " of " + configFile;
  }

  public WorkflowServiceStubsOptions serviceStubsOptions() {
    return profile.toWorkflowServiceStubsOptions();
  }

  public WorkflowClientOptions clientOptions() {
    return profile.toWorkflowClientOptions();
  }

  /** Adds every reason why this connection cannot be used, before anything connects. */
  void validate(List<String> problems) {
    if (!address().matches("[^:\\s]+:\\d{1,5}")) {
      problems.add("Temporal address " + address() + " must be HOST:PORT (--temporal-address)");
    }
    ClientConfigTLS tls = profile.getTls();
    if (tls == null || Boolean.TRUE.equals(tls.isDisabled())) {
      return;
    }
    int before = problems.size();
    readable(problems, tls.getClientCertPath(), "client certificate", "--tls-cert-path");
    readable(problems, tls.getClientKeyPath(), "client key", "--tls-key-path");
    readable(problems, tls.getServerCACertPath(), "server CA certificate", "--tls-ca-path");
    boolean certificate = present(tls.getClientCertPath()) || tls.getClientCertData() != null;
    boolean key = present(tls.getClientKeyPath()) || tls.getClientKeyData() != null;
    if (certificate != key) {
      problems.add(
          "a TLS client certificate needs its private key and the other way round: set both"
              + " --tls-cert-path and --tls-key-path (TEMPORAL_TLS_CLIENT_CERT_PATH and"
              + " TEMPORAL_TLS_CLIENT_KEY_PATH, or client_cert_path and client_key_path in the"
              + " profile)");
    }
    if (problems.size() == before) {
      try {
        serviceStubsOptions();
      } catch (RuntimeException e) {
        problems.add("the TLS settings cannot be used: " + ConnectionFailures.rootMessage(e));
      }
    }
  }

  private boolean hasApiKey() {
    return present(profile.getApiKey());
  }

  private static void readable(List<String> problems, String file, String what, String flag) {
    if (present(file) && !Files.isReadable(Path.of(file))) {
      problems.add("TLS " + what + " " + file + " is not a readable file (" + flag + ")");
    }
  }

  private static boolean present(String value) {
    return value != null && !value.isEmpty();
  }

  /** Address, namespace, TLS and the kind of authentication; never a secret. */
  @Override
  public String toString() {
    return address()
        + ", namespace "
        + namespace()
        + ", TLS "
        + (tls() ? "on" : "off")
        + ", authentication "
        + authentication()
        + ", "
        + source();
  }
}
