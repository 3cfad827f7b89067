package dev.regionfailover.activities.aws;

import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Decides, in one place, what Temporal does with a failed AWS call. Throttling, server errors,
 * timeouts and I/O errors are rethrown unchanged, so the activity is retried on its retry policy.
 * Every other client error (a missing resource, a validation error, denied access) cannot succeed
 * by retrying, so it becomes a non-retryable {@link ApplicationFailure} whose message names the
 * operation, the resource, the region and what AWS said, and whose type is AWS's error code.
 */
public final class AwsFailures {

  private AwsFailures() {}

  /**
   * Calls AWS and translates a failure.
   *
   * @param operation the API operation, such as {@code DescribeServices}
   * @param resource what the call is about, such as {@code service order-worker in cluster orders}
   * @param region the region called, or {@code global}
   */
  public static <T> T call(String operation, String resource, String region, Supplier<T> call) {
    try {
      return call.get();
    } catch (SdkException e) {
      throw translate(operation, resource, region, e);
    }
  }

  /**
   * {@link #call} for a change that AWS refuses while the resource is busy with another one: the
   * error codes in {@code busyCodes} (such as {@code ResourceInUseException}) become a retryable
   * failure instead of a non-retryable one, so that a later attempt makes the change.
   */
  public static <T> T call(
      String operation, String resource, String region, Set<String> busyCodes, Supplier<T> call) {
    try {
      return call.get();
    } catch (AwsServiceException e) {
      if (e.awsErrorDetails() != null && busyCodes.contains(e.awsErrorDetails().errorCode())) {
        throw ApplicationFailure.newFailureWithCause(
            operation
                + " on "
                + resource
                + " in "
                + region
                + " was refused while it is busy; retrying: "
                + describe(e),
            e.awsErrorDetails().errorCode(),
            e);
      }
      throw translate(operation, resource, region, e);
    } catch (SdkException e) {
      throw translate(operation, resource, region, e);
    }
  }

  /**
   * Calls AWS, and reads a failure that says the resource does not exist as no value. Other
   * failures are the SDK's own, for callers that judge them their way.
   *
   * @param missing whether a failure says that the resource does not exist
   */
  public static <T> Optional<T> unlessMissing(
      Predicate<? super SdkException> missing, Supplier<T> call) {
    try {
      return Optional.ofNullable(call.get());
    } catch (SdkException e) {
      if (missing.test(e)) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** {@link #call} for calls whose response is not needed. */
  public static void run(String operation, String resource, String region, Runnable call) {
    call(
        operation,
        resource,
        region,
        () -> {
          call.run();
          return null;
        });
  }

  /**
   * True when retrying the call may succeed: throttling, server errors, timeouts and failures to
   * reach AWS at all.
   */
  public static boolean isRetryable(SdkException e) {
    if (e instanceof AwsServiceException service) {
      int status = service.statusCode();
      return service.isThrottlingException() || status >= 500 || status == 408 || status == 429;
    }
    // Anything short of a service answer (connection refused, timeouts, broken responses) is a
    // failure to reach AWS, which a later attempt may not have.
    return e instanceof SdkClientException || e.retryable();
  }

  /**
   * True when the call never got an answer from AWS: connections refused or reset, and timeouts,
   * after the SDK's own retries. An impaired region fails this way; a region that answers with an
   * error, even a throttling or server error, was reached.
   */
  public static boolean isUnreachable(SdkException e) {
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException) {
      return true;
    }
    if (!(e instanceof SdkClientException)) {
      return false;
    }
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  /** What AWS said, in one line: its error code, message and HTTP status. */
  public static String describe(SdkException e) {
    if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
      AwsErrorDetails details = service.awsErrorDetails();
      return details.errorCode()
          + ": "
          + details.errorMessage()
          + " (HTTP "
          + service.statusCode()
          + ", request "
          + service.requestId()
          + ")";
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /**
   * The exception to throw for a failed call: the original one when a retry may help, otherwise a
   * non-retryable failure.
   */
  public static RuntimeException translate(
      String operation, String resource, String region, SdkException e) {
    if (isRetryable(e)) {
      return e;
    }
    return ApplicationFailure.newNonRetryableFailureWithCause(
        operation + " on " + resource + " in " + region + " failed: " + describe(e),
        errorType(e),
        e);
  }

  private static String errorType(SdkException e) {
    if (e instanceof AwsServiceException service
        && service.awsErrorDetails() != null
        && service.awsErrorDetails().errorCode() != null) {
      return service.awsErrorDetails().errorCode();
    }
    return e.getClass().getSimpleName();
  }
}
