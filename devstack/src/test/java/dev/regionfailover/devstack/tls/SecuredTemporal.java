package dev.regionfailover.devstack.tls;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.temporal.TemporalDevServer;
import dev.regionfailover.devstack.temporal.TemporalForTesting;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The real Temporal dev server reachable only the way a secured cluster or Temporal Cloud is:
 * through nginx terminating TLS, once demanding a client certificate signed by a test CA (mTLS) and
 * once demanding an API key as a bearer token. For the worker's and the CLI's TLS tests; closing it
 * stops both proxies and the server.
 */
public final class SecuredTemporal implements AutoCloseable {

  private final TlsTestTools tools;
  private final TemporalDevServer server;
  private final TestCertificateAuthority ca;
  private final CertificateFiles client;
  private final NginxGrpcProxy mutualTls;
  private final NginxGrpcProxy apiKeyProxy;

  private SecuredTemporal(
      TlsTestTools tools,
      TemporalDevServer server,
      TestCertificateAuthority ca,
      CertificateFiles client,
      NginxGrpcProxy mutualTls,
      NginxGrpcProxy apiKeyProxy) {
    this.tools = tools;
    this.server = server;
    this.ca = ca;
    this.client = client;
    this.mutualTls = mutualTls;
    this.apiKeyProxy = apiKeyProxy;
  }

  /**
   * Starts the dev server and both proxies, with the test CA's files in {@code directory}. Without
   * the Temporal CLI, openssl or nginx the test is skipped, or fails in CI, saying what to install.
   *
   * @param clientName the name of the client certificate the test CA issues for mTLS
   * @param apiKey the only bearer token the API-key proxy lets through
   */
  public static SecuredTemporal start(Path directory, String clientName, String apiKey) {
    requireNonNull(directory, "directory is null");
    requireNonNull(clientName, "clientName is null");
    requireNonNull(apiKey, "apiKey is null");
    TlsTestTools tools = TlsTestTools.requireForTest();
    // Whatever started is stopped again when a later part fails, so no process outlives the test.
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      TemporalDevServer server = TemporalForTesting.devServer();
      started.push(server);
      TestCertificateAuthority ca =
          TestCertificateAuthority.create(tools.openssl(), directory, "region-failover test CA");
      CertificateFiles serverCertificate = ca.issueServer("temporal-proxy");
      CertificateFiles client = ca.issueClient(clientName);
      NginxGrpcProxy mutualTls =
          NginxGrpcProxy.builder(tools.nginx(), server.target())
              .serverCertificate(serverCertificate)
              .requireClientCertificate(ca.certificate())
              .start();
      started.push(mutualTls);
      NginxGrpcProxy apiKeyProxy =
          NginxGrpcProxy.builder(tools.nginx(), server.target())
              .serverCertificate(serverCertificate)
              .requireBearerToken(apiKey)
              .start();
      return new SecuredTemporal(tools, server, ca, client, mutualTls, apiKeyProxy);
    } catch (RuntimeException e) {
      closeAll(started, e);
      throw e;
    }
  }

  /** The openssl and nginx executables, to make further certificates. */
  public TlsTestTools tools() {
    return tools;
  }

  /** The dev server itself, in plaintext and without credentials. */
  public TemporalDevServer server() {
    return server;
  }

  /** The CA that signed the proxies' server certificate and the client certificate. */
  public TestCertificateAuthority ca() {
    return ca;
  }

  /** A client certificate signed by {@link #ca()}, which the mTLS proxy accepts. */
  public CertificateFiles client() {
    return client;
  }

  /** The proxy that requires a client certificate signed by {@link #ca()}. */
  public NginxGrpcProxy mutualTls() {
    return mutualTls;
  }

  /** The proxy that requires the API key as a bearer token, and records what it received. */
  public NginxGrpcProxy apiKeyProxy() {
    return apiKeyProxy;
  }

  /**
   * A Temporal config file (TOML) with one profile, {@code name}, that reaches the server through
   * the mTLS proxy with {@link #client()} and trusts only {@link #ca()}.
   */
  public String mutualTlsProfile(String name) {
    return """
        [profile.%1$s]
        address = "%2$s"
        namespace = "default"

        [profile.%1$s.tls]
        client_cert_path = "%3$s"
        client_key_path = "%4$s"
        server_ca_cert_path = "%5$s"
        """
        .formatted(
            name, mutualTls.target(), client.certificate(), client.privateKey(), ca.certificate());
  }

  /** Stops both proxies and the server. */
  @Override
  public void close() {
    Deque<AutoCloseable> running = new ArrayDeque<>();
    running.push(server);
    running.push(mutualTls);
    running.push(apiKeyProxy);
    IllegalStateException failure = new IllegalStateException("cannot stop the secured Temporal");
    closeAll(running, failure);
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  /** Closes each of {@code closeables} in turn, adding what fails to {@code failure}. */
  private static void closeAll(Deque<AutoCloseable> closeables, Exception failure) {
    while (!closeables.isEmpty()) {
      try {
        closeables.pop().close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }
}
