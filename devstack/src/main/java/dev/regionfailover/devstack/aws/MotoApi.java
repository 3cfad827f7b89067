package dev.regionfailover.devstack.aws;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** moto's own HTTP API ({@code /moto-api/...}), beside the AWS APIs it emulates. */
final class MotoApi {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private MotoApi() {}

  /** Clears all of moto's state, in every region and service; moto needs a few milliseconds. */
  static void reset(HttpClient http, URI moto) {
    HttpRequest request =
        HttpRequest.newBuilder(moto.resolve("/moto-api/reset"))
            .timeout(TIMEOUT)
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException("moto at " + moto + " did not answer its reset call", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while resetting moto at " + moto, e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "moto reset at "
              + moto
              + " answered HTTP "
              + response.statusCode()
              + ": "
              + response.body());
    }
  }
}
