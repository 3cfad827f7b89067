package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers Route 53 {@code GetHealthCheckStatus} (REST-XML) for the ids that {@link
 * Route53HealthChecks} has a status for, with three checker observations that all succeed or all
 * fail; every other id is asked of moto, which knows the checks created through it.
 */
final class HealthCheckStatusTransformer extends StubTransformer {

  static final String NAME = "route53-health-check-status";
  static final String PATH_PATTERN = "/2013-04-01/healthcheck/([^/]+)/status";

  private static final Pattern PATH = Pattern.compile(PATH_PATTERN);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final List<String> CHECKERS = List.of("us-east-1", "us-west-1", "eu-west-1");

  private final Route53HealthChecks healthChecks;
  private final URI moto;
  private final HttpClient http;

  HealthCheckStatusTransformer(Route53HealthChecks healthChecks, URI moto, HttpClient http) {
    super(NAME);
    this.healthChecks = requireNonNull(healthChecks, "healthChecks is null");
    this.moto = requireNonNull(moto, "moto is null");
    this.http = requireNonNull(http, "http is null");
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    String url = serveEvent.getRequest().getUrl();
    String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
    Matcher matcher = PATH.matcher(path);
    if (!matcher.matches()) {
      return reply(404, "text/xml", "").build();
    }
    String id = matcher.group(1);
    return healthChecks
        .healthy(id)
        .map(HealthCheckStatusTransformer::status)
        .orElseGet(() -> fromMoto(path, serveEvent.getRequest().getHeader("Authorization")));
  }

  private static ResponseDefinition status(boolean healthy) {
    StringBuilder body =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<GetHealthCheckStatusResponse"
                + " xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
                + "<HealthCheckObservations>");
    String checkedAt = Instant.now().toString();
    for (String checker : CHECKERS) {
      body.append("<HealthCheckObservation><Region>")
          .append(checker)
          .append("</Region><IPAddress>127.0.0.1</IPAddress><StatusReport><Status>")
          .append(
              healthy
                  ? "Success: HTTP Status Code 200, OK"
                  : "Failure: Connection timed out. The endpoint or the internet connection is"
                      + " down, or requests are being blocked by your firewall.")
          .append("</Status><CheckedTime>")
          .append(checkedAt)
          .append("</CheckedTime></StatusReport></HealthCheckObservation>");
    }
    body.append("</HealthCheckObservations></GetHealthCheckStatusResponse>");
    return reply(200, "text/xml", body.toString()).build();
  }

  /**
   * Asks moto, with the request's signature, by which moto tells the services apart; it does not
   * check it.
   */
  private ResponseDefinition fromMoto(String path, String authorization) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(moto.resolve(path)).timeout(TIMEOUT).GET();
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return reply(
              response.statusCode(),
              response.headers().firstValue("Content-Type").orElse("text/xml"),
              response.body())
          .build();
    } catch (IOException e) {
      return reply(503, "text/xml", "").build();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return reply(503, "text/xml", "").build();
    }
  }
}
