package dev.regionfailover.starter.failover;

import dev.regionfailover.activities.identity.CallerIdentitySigner;
import dev.regionfailover.activities.identity.StsEndpoint;
import dev.regionfailover.starter.cli.CliFailure;
import dev.regionfailover.workflows.identity.SignedCallerIdentity;
import java.time.Clock;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * The approver's proof of identity for {@code approve --verify}: a GetCallerIdentity request signed
 * with the approver's own credentials from the SDK's default chain, for the STS of their region.
 */
final class ApproverIdentity {

  private ApproverIdentity() {}

  static SignedCallerIdentity sign(String binding) {
    String region;
    try {
      region = new DefaultAwsRegionProviderChain().getRegion().id();
    } catch (SdkClientException e) {
      throw new CliFailure(
          "--verify needs your AWS region to sign with: set AWS_REGION or a region in your AWS"
              + " profile",
          e);
    }
    try (DefaultCredentialsProvider credentials = DefaultCredentialsProvider.builder().build()) {
      return new CallerIdentitySigner(credentials, Clock.systemUTC())
          .sign(StsEndpoint.of(region, Optional.empty(), System::getenv), region, binding);
    } catch (SdkClientException e) {
      throw new CliFailure(
          "--verify needs your own AWS credentials to sign with (AWS_PROFILE, AWS_ACCESS_KEY_ID"
              + " and AWS_SECRET_ACCESS_KEY, or aws sso login): "
              + e.getMessage(),
          e);
    }
  }
}
