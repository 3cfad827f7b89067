package dev.regionfailover.connection;

import io.temporal.envconfig.ClientConfigProfile;
import io.temporal.envconfig.ClientConfigTLS;
import io.temporal.envconfig.LoadClientConfigProfileOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The flags that choose the Temporal connection, named like the Temporal CLI's; a picocli mixin of
 * the worker's command line and of every CLI command that talks to Temporal. Where a flag is not
 * given, Temporal's environment configuration decides: the {@code TEMPORAL_*} variables over the
 * selected profile of the TOML config file.
 */
public final class ConnectionOptions {

  static final String DEFAULT_ADDRESS = "127.0.0.1:7233";
  static final String DEFAULT_NAMESPACE = "default";

  @Option(
      names = "--temporal-address",
      paramLabel = "HOST:PORT",
      description =
          "Temporal frontend (env TEMPORAL_ADDRESS, profile address; default 127.0.0.1:7233).")
  String address;

  @Option(
      names = "--namespace",
      paramLabel = "NAME",
      description =
          "Temporal namespace (env TEMPORAL_NAMESPACE, profile namespace; default default).")
  String namespace;

  @Option(
      names = "--profile",
      paramLabel = "NAME",
      description = "Profile of the Temporal config file (env TEMPORAL_PROFILE; default default).")
  String profile;

  @Option(
      names = "--config-file",
      paramLabel = "FILE",
      description =
          "Temporal config file (env TEMPORAL_CONFIG_FILE; default"
              + " ~/.config/temporalio/temporal.toml).")
  String configFile;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      description = "API key, sent as a bearer token; implies TLS (env TEMPORAL_API_KEY).")
  String apiKey;

  @Option(
      names = "--tls",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      description = "Connect with TLS (env TEMPORAL_TLS).")
  Boolean tls;

  @Option(
      names = "--tls-cert-path",
      paramLabel = "FILE",
      description = "Client certificate for mTLS, PEM (env TEMPORAL_TLS_CLIENT_CERT_PATH).")
  String tlsCertPath;

  @Option(
      names = "--tls-key-path",
      paramLabel = "FILE",
      description =
          "Private key of the client certificate, PEM (env TEMPORAL_TLS_CLIENT_KEY_PATH).")
  String tlsKeyPath;

  @Option(
      names = "--tls-ca-path",
      paramLabel = "FILE",
      description =
          "CA certificates that sign the server's certificate, PEM; default the JVM's trust store"
              + " (env TEMPORAL_TLS_SERVER_CA_CERT_PATH).")
  String tlsCaPath;

  @Option(
      names = "--tls-server-name",
      paramLabel = "NAME",
      description = "Server name to verify the certificate against (env TEMPORAL_TLS_SERVER_NAME).")
  String tlsServerName;

  @Option(
      names = "--tls-disable-host-verification",
      arity = "0..1",
      fallbackValue = "true",
      paramLabel = "true|false",
      description =
          "Accept any server certificate when no CA is given; for tests only"
              + " (env TEMPORAL_TLS_DISABLE_HOST_VERIFICATION).")
  Boolean tlsDisableHostVerification;

  /** The {@code --temporal-address} flag as given, or null when it was not. */
  public String address() {
    return address;
  }

  /**
   * The connection these flags, {@code environment} and the config file describe, or empty with the
   * reasons added to {@code problems}.
   */
  public Optional<TemporalProfile> resolve(Map<String, String> environment, List<String> problems) {
    LoadClientConfigProfileOptions.Builder load =
        LoadClientConfigProfileOptions.newBuilder().setEnvOverrides(environment);
    ConfigFile file = ConfigFile.choose(configFile, environment);
    if (file.explicit()) {
      if (!Files.isRegularFile(file.path())) {
        problems.add(file.origin() + " " + file.path() + " is not a file");
        return Optional.empty();
      }
      load.setConfigFilePath(file.path().toString());
    }
    if (profile != null) {
      load.setConfigFileProfile(profile);
    }
    ClientConfigProfile loaded;
    try {
      loaded = ClientConfigProfile.load(load.build());
    } catch (IOException e) {
      problems.add(
          "cannot read the Temporal config file " + file.path() + ": " + firstLine(e.getMessage()));
      return Optional.empty();
    } catch (IllegalArgumentException e) {
      problems.add(
          "profile "
              + profileName(environment)
              + " (--profile or TEMPORAL_PROFILE) is not in "
              + (file.readPath() != null
                  ? "the Temporal config file " + file.path()
                  : "any config file: there is none at "
                      + file.path()
                      + "; name one with --config-file or TEMPORAL_CONFIG_FILE"));
      return Optional.empty();
    }
    ClientConfigProfile merged = withFlags(loaded);
    TemporalProfile resolved =
        new TemporalProfile(merged, profileName(environment), file.readPath());
    resolved.validate(problems);
    return problems.isEmpty() ? Optional.of(resolved) : Optional.empty();
  }

  private ClientConfigProfile withFlags(ClientConfigProfile loaded) {
    ClientConfigProfile.Builder merged = loaded.toBuilder();
    String effectiveAddress = address != null ? address : loaded.getAddress();
    merged.setAddress(
        effectiveAddress == null || effectiveAddress.isBlank()
            ? DEFAULT_ADDRESS
            : effectiveAddress);
    String effectiveNamespace = namespace != null ? namespace : loaded.getNamespace();
    merged.setNamespace(
        effectiveNamespace == null || effectiveNamespace.isBlank()
            ? DEFAULT_NAMESPACE
            : effectiveNamespace);
    if (apiKey != null) {
      merged.setApiKey(apiKey);
    }
    boolean anyTlsFlag =
        tls != null
            || tlsCertPath != null
            || tlsKeyPath != null
            || tlsCaPath != null
            || tlsServerName != null
            || tlsDisableHostVerification != null;
    if (anyTlsFlag) {
      ClientConfigTLS.Builder tlsSettings =
          loaded.getTls() != null ? loaded.getTls().toBuilder() : ClientConfigTLS.newBuilder();
      if (tls != null) {
        tlsSettings.setDisabled(!tls);
      }
      if (tlsCertPath != null) {
        tlsSettings.setClientCertPath(tlsCertPath).setClientCertData(null);
      }
      if (tlsKeyPath != null) {
        tlsSettings.setClientKeyPath(tlsKeyPath).setClientKeyData(null);
      }
      if (tlsCaPath != null) {
        tlsSettings.setServerCACertPath(tlsCaPath).setServerCACertData(null);
      }
      if (tlsServerName != null) {
        tlsSettings.setServerName(tlsServerName);
      }
      if (tlsDisableHostVerification != null) {
        tlsSettings.setDisableHostVerification(tlsDisableHostVerification);
      }
      merged.setTls(tlsSettings.build());
    }
    return merged.build();
  }

  private String profileName(Map<String, String> environment) {
    if (profile != null && !profile.isEmpty()) {
      return profile;
    }
    String fromEnvironment = environment.get("TEMPORAL_PROFILE");
    return fromEnvironment != null && !fromEnvironment.isEmpty() ? fromEnvironment : "default";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }

  /** Which config file is read, and who chose it. */
  private record ConfigFile(Path path, String origin, boolean explicit) {

    static ConfigFile choose(String flag, Map<String, String> environment) {
      if (flag != null && !flag.isEmpty()) {
        return new ConfigFile(Path.of(flag), "--config-file", true);
      }
      String variable = environment.get("TEMPORAL_CONFIG_FILE");
      if (variable != null && !variable.isEmpty()) {
        return new ConfigFile(Path.of(variable), "TEMPORAL_CONFIG_FILE", true);
      }
      return new ConfigFile(defaultPath(), "the default config file", false);
    }

    /** Where Temporal's environment configuration looks when nothing names a file. */
    private static Path defaultPath() {
      String home = System.getProperty("user.home", "");
      String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
      if (os.contains("mac")) {
        return Path.of(home, "Library", "Application Support", "temporalio", "temporal.toml");
      }
      if (os.contains("win")) {
        return Path.of(
            System.getenv().getOrDefault("APPDATA", home), "temporalio", "temporal.toml");
      }
      return Path.of(home, ".config", "temporalio", "temporal.toml");
    }

    /** The file's path if it was read, else null. */
    String readPath() {
      return explicit || Files.isRegularFile(path) ? path.toString() : null;
    }
  }
}
