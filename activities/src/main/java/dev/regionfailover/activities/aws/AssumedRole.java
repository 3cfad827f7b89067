package dev.regionfailover.activities.aws;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.estate.AwsAccount;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The credentials of an app's role, assumed through STS of one region and kept until shortly before
 * they expire. When STS refuses the role, the failure says which role, in which region, and what
 * grants it, instead of surfacing as an unexplained AccessDenied of whatever call needed the
 * credentials; throttling and server errors stay as they are, for the activity's retries.
 */
final class AssumedRole implements AwsCredentialsProvider, SdkAutoCloseable {

  private final String roleArn;
  private final String region;
  private final StsAssumeRoleCredentialsProvider credentials;

  /**
   * @param sts the worker's own STS client of {@code region}
   * @param prefetch how long before they expire the credentials are renewed
   * @param stale how long before they expire a call waits for new ones
   */
  AssumedRole(
      StsClient sts,
      AwsAccount account,
      String region,
      String sessionName,
      Duration prefetch,
      Duration stale) {
    requireNonNull(account, "account is null");
    this.roleArn = requireNonNull(account.roleArn(), "the account names no role");
    this.region = requireNonNull(region, "region is null");
    this.credentials =
        StsAssumeRoleCredentialsProvider.builder()
            .stsClient(requireNonNull(sts, "sts is null"))
            .refreshRequest(
                request ->
                    request
                        .roleArn(roleArn)
                        .externalId(account.externalId())
                        .roleSessionName(sessionName))
            .prefetchTime(prefetch)
            .staleTime(stale)
            .build();
  }

  @Override
  public AwsCredentials resolveCredentials() {
    try {
      return credentials.resolveCredentials();
    } catch (AwsServiceException e) {
      if (AwsFailures.isRetryable(e)) {
        throw e;
      }
      throw explained(e);
    }
  }

  @Override
  public void close() {
    credentials.close();
  }

  private AwsServiceException explained(AwsServiceException e) {
    String message =
        "the worker cannot assume "
            + roleArn
            + " through STS of "
            + region
            + ": "
            + (e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage())
            + ". The role's trust policy must let the worker's role assume it, with the estate's"
            + " aws.externalId, and the worker's role needs sts:AssumeRole on it: see ./failover"
            + " iam-policy ESTATE --trust-policy and --assume-policy";
    AwsErrorDetails details =
        e.awsErrorDetails() == null
            ? null
            : e.awsErrorDetails().toBuilder().errorMessage(message).build();
    return e.toBuilder().message(message).awsErrorDetails(details).cause(e).build();
  }
}
