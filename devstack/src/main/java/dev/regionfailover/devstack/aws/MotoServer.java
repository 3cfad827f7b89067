package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.process.Executables;
import dev.regionfailover.devstack.process.ExternalProcess;
import dev.regionfailover.devstack.process.FreePorts;
import dev.regionfailover.devstack.process.LogFiles;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * moto in server mode ({@code moto_server}) as a child process on 127.0.0.1: the AWS emulator
 * behind the stand-in. Clients should use {@link AwsStandIn} (or {@link AwsStack}) rather than this
 * endpoint directly, so that the operations moto lacks are served too.
 */
public final class MotoServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MotoServer.class);
  private static final String EXECUTABLE = "moto_server";
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  private final ExternalProcess process;
  private final URI endpoint;
  private final HttpClient http;

  private MotoServer(ExternalProcess process, URI endpoint, HttpClient http) {
    this.process = requireNonNull(process, "process is null");
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
    this.http = requireNonNull(http, "http is null");
  }

  /** Starts moto on a free loopback port and waits until it answers HTTP. */
  public static MotoServer start() {
    return start(FreePorts.loopback());
  }

  /** Starts moto on {@code port} of 127.0.0.1 and waits until it answers HTTP. */
  public static MotoServer start(int port) {
    return start(port, System.getenv("PATH"));
  }

  /** Starts moto found on {@code searchPath} instead of this process's PATH. */
  static MotoServer start(int port, String searchPath) {
    Path executable =
        Executables.onPath(EXECUTABLE, searchPath)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        EXECUTABLE
                            + " not found on PATH; install it with: pip install 'moto[server]'"));
    ExternalProcess process =
        ExternalProcess.builder(
                EXECUTABLE,
                List.of(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port)))
            .logFile(LogFiles.file(EXECUTABLE + "-" + port))
            .build();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    MotoServer server = new MotoServer(process, endpoint, http);
    process.start();
    try {
      server.awaitAnswering();
    } catch (RuntimeException e) {
      process.close();
      throw e;
    }
    log.info("moto_server is answering at {}", endpoint);
    return server;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Clears all of moto's state, in every region and service. */
  public void reset() {
    MotoApi.reset(http, endpoint);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    process.close();
  }

  private void awaitAnswering() {
    long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
    HttpRequest probe =
        HttpRequest.newBuilder(endpoint.resolve("/")).timeout(Duration.ofSeconds(2)).GET().build();
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "moto_server on port "
                + endpoint.getPort()
                + " exited before it answered HTTP; "
                + process.tailForMessage());
      }
      try {
        http.send(probe, HttpResponse.BodyHandlers.discarding());
        return;
      } catch (IOException e) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "moto_server did not answer HTTP at "
                  + endpoint
                  + " within "
                  + STARTUP_TIMEOUT
                  + "; "
                  + process.tailForMessage(),
              e);
        }
        sleep(Duration.ofMillis(100));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for moto_server", e);
      }
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for moto_server", e);
    }
  }
}
