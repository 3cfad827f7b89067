package dev.regionfailover.worker.health;

import static java.util.Objects.requireNonNull;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The worker's HTTP endpoints: {@code /healthz} answers 200 while the process runs, {@code /readyz}
 * 200 when {@link Readiness} has no problem and 503 with one line per problem otherwise, and {@code
 * /metrics} the Prometheus text format.
 */
public final class HealthServer implements AutoCloseable {

  /** The content type of Prometheus' text exposition format. */
  static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

  private static final String PLAIN_TEXT = "text/plain; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService executor;

  private HealthServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Serves the endpoints on {@code address} until closed.
   *
   * @throws IOException when the address cannot be bound, for example when its port is in use
   */
  public static HealthServer start(
      InetSocketAddress address, Readiness readiness, Supplier<String> metrics) throws IOException {
    requireNonNull(readiness, "readiness is null");
    requireNonNull(metrics, "metrics is null");
    HttpServer server = HttpServer.create(address, 0);
    ExecutorService executor =
        Executors.newFixedThreadPool(
            2,
            runnable -> {
              Thread thread = new Thread(runnable, "health-http");
              thread.setDaemon(true);
              return thread;
            });
    server.setExecutor(executor);
    server.createContext("/healthz", exchange -> answer(exchange, 200, PLAIN_TEXT, "ok\n"));
    server.createContext(
        "/readyz",
        exchange -> {
          List<String> problems = readiness.problems();
          if (problems.isEmpty()) {
            answer(exchange, 200, PLAIN_TEXT, "ready\n");
          } else {
            answer(exchange, 503, PLAIN_TEXT, String.join("\n", problems) + "\n");
          }
        });
    server.createContext(
        "/metrics", exchange -> answer(exchange, 200, PROMETHEUS_TEXT, metrics.get()));
    server.start();
    return new HealthServer(server, executor);
  }

  /** The port the server listens on, which the OS chose when started on port 0. */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")
          && !exchange.getRequestMethod().equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      String path = exchange.getRequestURI().getPath();
      if (!path.equals(exchange.getHttpContext().getPath())) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      if (exchange.getRequestMethod().equals("HEAD")) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Stops answering at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
