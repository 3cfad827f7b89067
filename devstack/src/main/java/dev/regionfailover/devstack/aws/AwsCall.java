package dev.regionfailover.devstack.aws;

import com.github.tomakehurst.wiremock.http.Request;
import java.util.Optional;

/**
 * The AWS region and operation of one request that reached the stand-in, derived from the wire
 * format the SDK uses: the SigV4 credential scope for the region, and for the operation the {@code
 * X-Amz-Target} header (JSON protocols), the {@code Action} parameter (query protocols) or the
 * method and path (REST protocols).
 */
record AwsCall(String region, String operation) {

  /** The region of a request that carries no SigV4 credential scope, such as moto's own API. */
  static final String NO_REGION = "none";

  /** The access key of a request that carries no SigV4 signature. */
  static final String NO_ACCESS_KEY = "none";

  /** The operation of a request whose protocol the stand-in does not recognise. */
  static final String UNKNOWN_OPERATION = "Unknown";

  static AwsCall of(Request request, Optional<CredentialScope> scope) {
    return new AwsCall(
        scope.map(CredentialScope::region).orElse(NO_REGION), operation(request, scope));
  }

  private static String operation(Request request, Optional<CredentialScope> scope) {
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
    return scope
        .flatMap(
            s ->
                RestOperations.operation(
                    s.service(), request.getMethod(), pathOf(request.getUrl())))
        .orElse(UNKNOWN_OPERATION);
  }

  private static String pathOf(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
