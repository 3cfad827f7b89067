package dev.regionfailover.devstack.aws;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes Route 53 changes take time to reach every name server, as they do in AWS: moto reports
 * every change {@code INSYNC} at once, and with a delay set this rewrites moto's answers to {@code
 * ChangeResourceRecordSets} and {@code GetChange} to say {@code PENDING} until the delay has passed
 * since the change was made. A delay of zero, the default, leaves moto's answers alone.
 */
final class Route53ChangeDelay implements ResponseTransformerV2 {

  static final String NAME = "route53-change-delay";

  private static final Pattern CHANGE_ID = Pattern.compile("<Id>(?:/change/)?([^<]+)</Id>");
  private static final Pattern CHANGE_PATH = Pattern.compile("/2013-04-01/change/([^/?]+)");
  private static final String IN_SYNC = "<Status>INSYNC</Status>";
  private static final String PENDING = "<Status>PENDING</Status>";

  /** When each change that is not in sync yet was made. */
  private final Map<String, Instant> made = new ConcurrentHashMap<>();

  private volatile Duration delay = Duration.ZERO;

  void setDelay(Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException(
          "the Route 53 change delay must not be negative: " + delay);
    }
    this.delay = delay;
  }

  void reset() {
    delay = Duration.ZERO;
    made.clear();
  }

  @Override
  public Response transform(Response response, ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    Optional<CredentialScope> scope = CredentialScope.of(request.getHeader("Authorization"));
    if (delay.isZero()
        || response.getStatus() != 200
        || scope.isEmpty()
        || !scope.get().service().equals("route53")) {
      return response;
    }
    String body = response.getBodyAsString();
    String operation = AwsCall.of(request, scope).operation();
    if (operation.equals("ChangeResourceRecordSets")) {
      Matcher id = CHANGE_ID.matcher(body);
      if (id.find()) {
        made.put(id.group(1), Instant.now());
        return pending(response, body);
      }
    } else if (operation.equals("GetChange")) {
      Matcher path = CHANGE_PATH.matcher(request.getUrl());
      if (path.find() && made.containsKey(path.group(1))) {
        if (Instant.now().isBefore(made.get(path.group(1)).plus(delay))) {
          return pending(response, body);
        }
        made.remove(path.group(1));
      }
    }
    return response;
  }

  /** Moto's answer saying PENDING; its length changes, so its Content-Length goes. */
  private static Response pending(Response response, String body) {
    HttpHeaders headers = new HttpHeaders();
    for (HttpHeader header : response.getHeaders().all()) {
      if (!header.keyEquals("Content-Length")) {
        headers = headers.plus(header);
      }
    }
    return Response.Builder.like(response)
        .but()
        .headers(headers)
        .body(body.replace(IN_SYNC, PENDING))
        .build();
  }

  @Override
  public boolean applyGlobally() {
    return true;
  }

  @Override
  public String getName() {
    return NAME;
  }
}
