package dev.regionfailover.activities.readiness;

import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.workflows.finding.Finding;
import io.temporal.failure.ApplicationFailure;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * How readiness turns a read into a finding. What a failover would stop at (a missing resource, a
 * refused call, an unreachable region) is a FAIL finding naming the resource and what was observed.
 * Throttling and server errors are thrown, so the activity is retried.
 */
final class Probes {

  private static final Logger log = LoggerFactory.getLogger(Probes.class);
  private static final String EXISTS = "exists";

  private Probes() {}

  /**
   * Runs one check. What a failover would stop at becomes a FAIL finding with what AWS said:
   * non-retryable failures and unreachable regions. Throttling and server errors are thrown, so the
   * attempt is retried.
   */
  static Finding probe(String check, String resource, String expected, Supplier<Finding> body) {
    try {
      return body.get();
    } catch (ApplicationFailure | SdkException e) {
      return failure(check, resource, expected, e);
    }
  }

  /**
   * A check that a resource exists: PASS with what {@code find} observed of it, or FAIL with {@code
   * missing} when it found none.
   */
  static Finding exists(
      String check, String resource, String missing, Supplier<Optional<String>> find) {
    return probe(
        check,
        resource,
        EXISTS,
        () ->
            find.get()
                .map(observed -> Finding.pass(check, resource, observed, EXISTS))
                .orElseGet(() -> Finding.fail(check, resource, missing, EXISTS)));
  }

  /** The FAIL finding of a failed read, or the failure itself when a retry may succeed. */
  static Finding failure(String check, String resource, String expected, RuntimeException e) {
    if (e instanceof ApplicationFailure application) {
      if (!application.isNonRetryable()) {
        throw application;
      }
      return Finding.fail(check, resource, application.getOriginalMessage(), expected);
    }
    SdkException sdk = (SdkException) e;
    if (AwsFailures.isUnreachable(sdk)) {
      return Finding.fail(check, resource, "unreachable: " + AwsFailures.describe(sdk), expected);
    }
    if (AwsFailures.isRetryable(sdk)) {
      throw sdk;
    }
    return Finding.fail(check, resource, AwsFailures.describe(sdk), expected);
  }

  static List<Finding> logged(String what, List<Finding> findings) {
    findings.forEach(f -> log.info("Readiness ({}): {}", what, f.describe()));
    return findings;
  }
}
