package dev.regionfailover.devtools.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The AWS calls of a worker that ended throttled after the SDK's own retries, read from the
 * worker's Prometheus endpoint: each such call failed its activity attempt, so the throttling
 * reached the activity's retry, which a design within the quotas never lets happen.
 */
final class ThrottledCalls {

  private static final String CALLS = "region_failover_aws_calls_total{";
  private static final String THROTTLED = "outcome=\"throttled\"";

  private ThrottledCalls() {}

  static long scrape(URI metrics) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(metrics + " answered HTTP " + response.statusCode());
    }
    return count(response.body());
  }

  /** The sum of the throttled calls' counters in a Prometheus text exposition. */
  static long count(String exposition) {
    long total = 0;
    for (String line : exposition.split("\n")) {
      if (line.startsWith(CALLS) && line.contains(THROTTLED)) {
        total += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }
}
