package dev.regionfailover.devstack.tls;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.process.Executables;
import dev.regionfailover.devstack.process.ExternalProcess;
import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.devstack.process.LogFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debian's nginx as a TLS-terminating gRPC proxy in front of a plaintext Temporal frontend, the way
 * a secured cluster or Temporal Cloud looks to a client: TLS with a server certificate, optionally
 * a required client certificate (mutual TLS) and a required bearer token (API key). It listens on a
 * free port of 127.0.0.1, runs in the foreground as one process without a master (so it switches to
 * no other user and needs no system path), and keeps its configuration, temporary files and access
 * log in its own directory. The access log records each request's {@code authorization} header.
 */
public final class NginxGrpcProxy implements AutoCloseable {

  /** The name of the executable this class runs. */
  public static final String NGINX = "nginx";

  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

  private final Path directory;
  private final int port;
  private final ExternalProcess process;

  private NginxGrpcProxy(Path directory, int port, ExternalProcess process) {
    this.directory = directory;
    this.port = port;
    this.process = process;
  }

  /** Debian's nginx, where the package installs it, else the first on PATH. */
  public static Optional<Path> findNginx() {
    Path debian = Path.of("/usr/sbin", NGINX);
    if (Files.isExecutable(debian)) {
      return Optional.of(debian);
    }
    return Executables.onPath(NGINX, System.getenv("PATH"));
  }

  /** A proxy to the plaintext gRPC server at {@code upstream} ({@code host:port}). */
  public static Builder builder(Path nginx, String upstream) {
    return new Builder(nginx, upstream);
  }

  /** The proxy's gRPC target, {@code 127.0.0.1:PORT}. */
  public String target() {
    return "127.0.0.1:" + port;
  }

  /**
   * The {@code authorization} headers of the requests it received, oldest first; empty when none.
   */
  public List<String> authorizationHeaders() {
    Path log = directory.resolve("access.log");
    if (!Files.exists(log)) {
      return List.of();
    }
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .map(line -> line.substring(line.indexOf("authorization=") + "authorization=".length()))
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + log, e);
    }
  }

  /** The proxy's process, for its log. */
  public ExternalProcess process() {
    return process;
  }

  /** Stops nginx and removes its directory. */
  @Override
  public void close() {
    process.close();
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + directory, e);
    }
  }

  /** Builds and starts a {@link NginxGrpcProxy}. */
  public static final class Builder {
    private final Path nginx;
    private final String upstream;
    private CertificateFiles serverCertificate;
    private Path clientCa;
    private String bearerToken;

    private Builder(Path nginx, String upstream) {
      this.nginx = requireNonNull(nginx, "nginx is null");
      this.upstream = requireNonNull(upstream, "upstream is null");
    }

    /** The certificate the proxy presents; required. */
    public Builder serverCertificate(CertificateFiles serverCertificate) {
      this.serverCertificate = requireNonNull(serverCertificate, "serverCertificate is null");
      return this;
    }

    /** Requires every client to present a certificate signed by the CA in {@code caCertificate}. */
    public Builder requireClientCertificate(Path caCertificate) {
      this.clientCa = requireNonNull(caCertificate, "caCertificate is null");
      return this;
    }

    /** Answers 401 to every request without {@code authorization: Bearer <token>}. */
    public Builder requireBearerToken(String token) {
      this.bearerToken = requireNonNull(token, "token is null");
      return this;
    }

    /** Starts nginx and waits until it accepts connections. */
    public NginxGrpcProxy start() {
      if (serverCertificate == null) {
        throw new IllegalStateException("a TLS proxy needs a server certificate");
      }
      int port = FreePorts.loopback();
      Path directory;
      try {
        directory = Files.createTempDirectory("region-failover-nginx-");
        Files.writeString(directory.resolve("nginx.conf"), configuration(directory, port));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the nginx configuration", e);
      }
      ExternalProcess process =
          ExternalProcess.builder(
                  "nginx-grpc-proxy",
                  List.of(
                      nginx.toString(),
                      "-p",
                      directory.toString(),
                      "-c",
                      directory.resolve("nginx.conf").toString(),
                      "-e",
                      "stderr"))
              .logFile(LogFiles.file("nginx-grpc-proxy-" + port))
              .build();
      process.start();
      try {
        awaitListening(process, port);
      } catch (RuntimeException e) {
        process.close();
        throw e;
      }
      return new NginxGrpcProxy(directory, port, process);
    }

    private String configuration(Path directory, int port) {
      StringBuilder conf = new StringBuilder();
      conf.append("daemon off;\n")
          // One process and no master: nothing to switch users for, and no pid file outside.
          .append("master_process off;\n")
          .append("worker_processes 1;\n")
          .append("pid ")
          .append(directory.resolve("nginx.pid"))
          .append(";\n")
          .append("error_log stderr info;\n")
          .append("events { worker_connections 256; }\n")
          .append("http {\n");
      for (String temp : List.of("client_body", "proxy", "fastcgi", "uwsgi", "scgi")) {
        conf.append("  ")
            .append(temp)
            .append("_temp_path ")
            .append(directory.resolve(temp))
            .append(";\n");
      }
      conf.append("  log_format grpc '$status $request authorization=$http_authorization';\n")
          .append("  access_log ")
          .append(directory.resolve("access.log"))
          .append(" grpc;\n")
          // Temporal's long polls last about a minute, and its messages can exceed 1 MB.
          .append("  client_max_body_size 0;\n")
          .append("  keepalive_timeout 10m;\n")
          .append("  keepalive_requests 100000;\n")
          .append("  server {\n")
          .append("    listen 127.0.0.1:")
          .append(port)
          .append(" ssl http2;\n")
          .append("    ssl_certificate ")
          .append(serverCertificate.certificate())
          .append(";\n")
          .append("    ssl_certificate_key ")
          .append(serverCertificate.privateKey())
          .append(";\n");
      if (clientCa != null) {
        conf.append("    ssl_client_certificate ")
            .append(clientCa)
            .append(";\n")
            .append("    ssl_verify_client on;\n");
      }
      conf.append("    location / {\n");
      if (bearerToken != null) {
        conf.append("      if ($http_authorization != \"Bearer ")
            .append(bearerToken)
            .append("\") { return 401; }\n");
      }
      conf.append("      grpc_pass grpc://")
          .append(upstream)
          .append(";\n")
          .append("      grpc_read_timeout 10m;\n")
          .append("      grpc_send_timeout 10m;\n")
          .append("    }\n")
          .append("  }\n")
          .append("}\n");
      return conf.toString();
    }

    private static void awaitListening(ExternalProcess process, int port) {
      long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
      while (System.nanoTime() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "nginx exited before it listened on 127.0.0.1:"
                  + port
                  + "; "
                  + process.tailForMessage());
        }
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
          return;
        } catch (IOException e) {
          sleep();
        }
      }
      throw new IllegalStateException(
          "nginx did not listen on 127.0.0.1:"
              + port
              + " within "
              + STARTUP_TIMEOUT
              + "; "
              + process.tailForMessage());
    }

    private static void sleep() {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for nginx", e);
      }
    }
  }
}
