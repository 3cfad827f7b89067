package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterV2;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestWrapper;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The first thing every AWS request meets in the stand-in, before it is matched to a stub: the
 * {@link Faults} a test injected and the {@link Quotas} it turned on decide whether it goes on, and
 * it is counted as served or rejected, and what it asks to do is recorded in IAM's terms. Deciding
 * here applies faults equally to the operations the stand-in serves itself and to those it forwards
 * to moto, and a rejected request never reaches either. A served request's arrival is noted in the
 * {@link CallTimeline} before any injected latency, so that the latency counts as time spent in
 * AWS. A request that a test's {@link CallHold} claims waits here when it is held before AWS, and
 * is then dropped; one held after AWS is marked for {@link HeldAnswerTransformer}.
 */
final class StandInRequestFilter implements RequestFilterV2 {

  static final String NAME = "aws-stand-in-request-filter";

  private final Faults faults;
  private final Quotas quotas;
  private final OperationCounter served;
  private final OperationCounter rejected;
  private final OperationRecorder recorder;
  private final CallTimeline timeline;
  private final CallHolds holds;

  StandInRequestFilter(
      Faults faults,
      Quotas quotas,
      OperationCounter served,
      OperationCounter rejected,
      OperationRecorder recorder,
      CallTimeline timeline,
      CallHolds holds) {
    this.faults = requireNonNull(faults, "faults is null");
    this.quotas = requireNonNull(quotas, "quotas is null");
    this.holds = requireNonNull(holds, "holds is null");
    this.served = requireNonNull(served, "served is null");
    this.rejected = requireNonNull(rejected, "rejected is null");
    this.recorder = requireNonNull(recorder, "recorder is null");
    this.timeline = requireNonNull(timeline, "timeline is null");
  }

  @Override
  public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
    Instant arrived = Instant.now();
    Optional<CredentialScope> scope = CredentialScope.of(request.getHeader("Authorization"));
    AwsCall call = AwsCall.of(request, scope);
    List<RecordedOperation> requested =
        scope.map(s -> RequestedResources.of(request, s, call.operation())).orElse(List.of());
    // Recorded whether or not a fault rejects it: AWS authorizes a request before serving it.
    recorder.record(requested);
    Optional<ResponseDefinition> rejection =
        scope.flatMap(
            s -> {
              WireProtocol protocol = WireProtocol.of(request, s.service());
              return faults
                  .rejection(s, protocol)
                  .or(() -> quotas.rejection(s, call.operation(), protocol));
            });
    if (rejection.isPresent()) {
      rejected.record(call);
      return RequestFilterAction.stopWith(rejection.get());
    }
    Optional<CallHold> hold = holds.served(call);
    if (hold.isPresent() && hold.get().moment() == CallHold.Moment.BEFORE_AWS) {
      hold.get().hold();
      // Never forwarded: the caller was killed while it was held, and AWS must not see it.
      rejected.record(call);
      return RequestFilterAction.stopWith(
          ResponseDefinitionBuilder.responseDefinition()
              .withFault(Fault.CONNECTION_RESET_BY_PEER)
              .build());
    }
    served.record(call);
    timeline.arrived(
        serveEvent.getId(),
        scope.map(CredentialScope::accessKey).orElse(AwsCall.NO_ACCESS_KEY),
        scope.map(CredentialScope::service).orElse(AwsCall.NO_REGION),
        call.operation(),
        call.region(),
        requested.stream().map(RecordedOperation::resource).distinct().toList(),
        arrived);
    if (hold.isPresent()) {
      return RequestFilterAction.continueWith(
          RequestWrapper.create().addHeader(CallHolds.HOLD_HEADER, hold.get().id()).wrap(request));
    }
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
