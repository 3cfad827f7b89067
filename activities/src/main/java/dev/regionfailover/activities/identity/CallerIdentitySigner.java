package dev.regionfailover.activities.identity;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.identity.SignedCallerIdentity;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Signs, and does not send, an {@code sts:GetCallerIdentity} request with an approver's own
 * credentials, bound to one failover run: the proof of identity that a verified approval carries.
 */
public final class CallerIdentitySigner {

  private final AwsCredentialsProvider credentials;
  private final Clock clock;

  public CallerIdentitySigner(AwsCredentialsProvider credentials, Clock clock) {
    this.credentials = requireNonNull(credentials, "credentials is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * @param endpoint the STS endpoint of {@code region}, as {@link StsEndpoint} finds it
   * @param binding the failover run the approval is for, {@code WORKFLOW_ID/RUN_ID}
   */
  public SignedCallerIdentity sign(URI endpoint, String region, String binding) {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint.resolve("/"))
            .putHeader("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
            .putHeader(SignedCallerIdentity.BINDING_HEADER, binding)
            .build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(credentials.resolveCredentials())
                        .request(request)
                        .payload(ContentStreamProvider.fromUtf8String(SignedCallerIdentity.BODY))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "sts")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                        .putProperty(HttpSigner.SIGNING_CLOCK, clock));
    Map<String, String> headers = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
      headers.put(header.getKey(), String.join(",", header.getValue()));
    }
    return new SignedCallerIdentity(
        "POST", signed.request().getUri().toString(), headers, SignedCallerIdentity.BODY);
  }
}
