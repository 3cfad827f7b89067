package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * Keeps AWS's answer to a request that a {@link CallHold} holds {@link CallHold.Moment#AFTER_AWS
 * after AWS}: it runs on every answer, after moto or the stand-in produced it and before it is
 * written, and waits for the hold's release when {@link StandInRequestFilter} marked the request.
 */
final class HeldAnswerTransformer implements ResponseTransformerV2 {

  static final String NAME = "aws-stand-in-held-answer";

  private final CallHolds holds;

  HeldAnswerTransformer(CallHolds holds) {
    this.holds = requireNonNull(holds, "holds is null");
  }

  @Override
  public Response transform(Response response, ServeEvent serveEvent) {
    String id = serveEvent.getRequest().getHeader(CallHolds.HOLD_HEADER);
    if (id != null) {
      holds.claimed(id).ifPresent(CallHold::hold);
    }
    return response;
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
