package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One AWS request the stand-in served while its {@link CallTimeline} was recording: what it was,
 * and when it arrived and when its answer was sent, so that the time spent in AWS, injected latency
 * included, can be told apart from the time spent elsewhere.
 *
 * @param accessKey the access key id that signed the request, or {@code none} for an unsigned
 *     request
 * @param service the signing name of the service, such as {@code rds} or {@code route53}
 * @param operation the AWS operation, such as {@code SwitchoverGlobalCluster}
 * @param region the region the request was signed for
 * @param resources the ARNs of the resources it acts on, {@code *} for none of its own
 * @param arrived when the request reached the stand-in, before any injected latency
 * @param answered when its answer was sent
 */
public record TimedCall(
    String accessKey,
    String service,
    String operation,
    String region,
    List<String> resources,
    Instant arrived,
    Instant answered) {

  public TimedCall {
    requireNonNull(accessKey, "accessKey is null");
    requireNonNull(service, "service is null");
    requireNonNull(operation, "operation is null");
    requireNonNull(region, "region is null");
    resources = List.copyOf(resources);
    requireNonNull(arrived, "arrived is null");
    requireNonNull(answered, "answered is null");
  }

  /** How long the call took, as the caller saw it less the network. */
  public Duration duration() {
    return Duration.between(arrived, answered);
  }
}
