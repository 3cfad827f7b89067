package dev.regionfailover.worker;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** GETs of a worker's HTTP endpoints, and the samples of a Prometheus text scrape. */
final class Scrapes {

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Scrapes() {}

  static HttpResponse<String> get(int port, String path) {
    try {
      return HTTP.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(10))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("GET " + path + " on port " + port + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The sum of the samples named {@code name} whose labels include each of {@code labels}, given as
   * {@code key="value"}; empty when there is none.
   */
  static Optional<Double> sum(String scrape, String name, String... labels) {
    Pattern sample = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$");
    Matcher matcher = sample.matcher(scrape);
    double total = 0;
    boolean found = false;
    while (matcher.find()) {
      String labelSet = matcher.group(1) == null ? "" : matcher.group(1);
      boolean matches = true;
      for (String label : labels) {
        matches &= labelSet.contains(label);
      }
      if (matches) {
        total += Double.parseDouble(matcher.group(2));
        found = true;
      }
    }
    return found ? Optional.of(total) : Optional.empty();
  }
}
