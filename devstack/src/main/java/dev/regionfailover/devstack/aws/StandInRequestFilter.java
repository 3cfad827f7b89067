package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The first thing every AWS request meets in the stand-in, before it is matched to a stub: it is
 * counted here. Faults a test injects (a region that refuses connections, throttling of a share of
 * calls, added latency) belong here too, decided per {@link AwsCall}, so that they apply equally to
 * the operations the stand-in serves itself and to those it forwards to moto.
 */
final class StandInRequestFilter implements RequestFilterV2 {

  static final String NAME = "aws-stand-in-request-filter";

  private final OperationCounter counter;

  StandInRequestFilter(OperationCounter counter) {
    this.counter = requireNonNull(counter, "counter is null");
  }

  @Override
  public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
    counter.record(AwsCall.of(request));
    return RequestFilterAction.continueWith(request);
  }

  @Override
  public boolean applyToAdmin() {
    return false;
  }

  @Override
  public boolean applyToStubs() {
    return true;
  }

  @Override
  public String getName() {
    return NAME;
  }
}
