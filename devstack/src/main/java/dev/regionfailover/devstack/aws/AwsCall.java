package dev.regionfailover.devstack.aws;

import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.RequestMethod;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AWS region and operation of one request that reached the stand-in, derived from the wire
 * format the SDK uses: the SigV4 credential scope for the region, and for the operation the {@code
 * X-Amz-Target} header (JSON protocols), the {@code Action} parameter (query protocols) or the
 * method and path (Route 53's REST protocol).
 */
record AwsCall(String region, String operation) {

  /** The region of a request that carries no SigV4 credential scope, such as moto's own API. */
  static final String NO_REGION = "none";

  /** The operation of a request whose protocol the stand-in does not recognise. */
  static final String UNKNOWN_OPERATION = "Unknown";

  private static final String GLOBAL_REGION = "aws-global";
  private static final String GLOBAL_SIGNING_REGION = "us-east-1";
  private static final Pattern CREDENTIAL_SCOPE =
      Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");
  private static final String ROUTE53 = "/2013-04-01/";
  private static final Pattern ROUTE53_RRSET =
      Pattern.compile("/2013-04-01/hostedzone/[^/]+/rrset/?");
  private static final Pattern ROUTE53_ZONE = Pattern.compile("/2013-04-01/hostedzone/[^/]+/?");
  private static final Pattern ROUTE53_CHANGE = Pattern.compile("/2013-04-01/change/[^/]+/?");
  private static final Pattern ROUTE53_HEALTH_CHECK_STATUS =
      Pattern.compile("/2013-04-01/healthcheck/[^/]+/status/?");
  private static final Pattern ROUTE53_HEALTH_CHECK =
      Pattern.compile("/2013-04-01/healthcheck/[^/]+/?");

  static AwsCall of(Request request) {
    return new AwsCall(region(request.getHeader("Authorization")), operation(request));
  }

  /**
   * The region in a SigV4 {@code Authorization} header, or {@link #NO_REGION}. Clients of global
   * services built with {@code Region.AWS_GLOBAL} sign for {@code aws-global} when their endpoint
   * is overridden; AWS itself signs those services for us-east-1, so that is where they count.
   */
  static String region(String authorization) {
    if (authorization == null) {
      return NO_REGION;
    }
    Matcher matcher = CREDENTIAL_SCOPE.matcher(authorization);
    if (!matcher.find()) {
      return NO_REGION;
    }
    return matcher.group(1).equals(GLOBAL_REGION) ? GLOBAL_SIGNING_REGION : matcher.group(1);
  }

  private static String operation(Request request) {
    String target = request.getHeader("X-Amz-Target");
    if (target != null && !target.isBlank()) {
      return target.substring(target.lastIndexOf('.') + 1);
    }
    if (QueryForm.isForm(request.getHeader("Content-Type"))) {
      String action = QueryForm.parse(request.getBodyAsString()).get("Action");
      if (action != null && !action.isBlank()) {
        return action;
      }
    }
    String path = pathOf(request.getUrl());
    if (path.startsWith(ROUTE53)) {
      return route53Operation(request.getMethod(), path);
    }
    return UNKNOWN_OPERATION;
  }

  private static String route53Operation(RequestMethod method, String path) {
    boolean get = RequestMethod.GET.equals(method);
    boolean post = RequestMethod.POST.equals(method);
    boolean delete = RequestMethod.DELETE.equals(method);
    if (ROUTE53_RRSET.matcher(path).matches()) {
      return post ? "ChangeResourceRecordSets" : get ? "ListResourceRecordSets" : UNKNOWN_OPERATION;
    }
    if (ROUTE53_CHANGE.matcher(path).matches() && get) {
      return "GetChange";
    }
    if (path.matches("/2013-04-01/hostedzone/?")) {
      return get ? "ListHostedZones" : post ? "CreateHostedZone" : UNKNOWN_OPERATION;
    }
    if (path.matches("/2013-04-01/hostedzonesbyname/?") && get) {
      return "ListHostedZonesByName";
    }
    if (ROUTE53_ZONE.matcher(path).matches()) {
      return get ? "GetHostedZone" : delete ? "DeleteHostedZone" : UNKNOWN_OPERATION;
    }
    if (ROUTE53_HEALTH_CHECK_STATUS.matcher(path).matches() && get) {
      return "GetHealthCheckStatus";
    }
    if (path.matches("/2013-04-01/healthcheck/?")) {
      return get ? "ListHealthChecks" : post ? "CreateHealthCheck" : UNKNOWN_OPERATION;
    }
    if (ROUTE53_HEALTH_CHECK.matcher(path).matches()) {
      return get
          ? "GetHealthCheck"
          : post ? "UpdateHealthCheck" : delete ? "DeleteHealthCheck" : UNKNOWN_OPERATION;
    }
    return UNKNOWN_OPERATION;
  }

  private static String pathOf(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
