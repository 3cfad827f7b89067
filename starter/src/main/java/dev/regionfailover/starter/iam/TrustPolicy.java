package dev.regionfailover.starter.iam;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The trust policy of the role that an app's estate names in the app's own account: it lets the
 * worker's principal assume the role, and only with the estate's external id when it has one.
 *
 * @param workerPrincipal the ARN of the worker's own IAM role (or user, or account root)
 * @param externalId the external id the worker sends, or null
 */
public record TrustPolicy(String workerPrincipal, String externalId) {

  public TrustPolicy {
    requireNonNull(workerPrincipal, "workerPrincipal is null");
  }

  /** The policy document, as IAM's {@code AssumeRolePolicyDocument} takes it. */
  public String toJson() {
    ObjectNode policy = IamPolicy.JSON.createObjectNode();
    policy.put("Version", "2012-10-17");
    ObjectNode statement = policy.putArray("Statement").addObject();
    statement.put("Sid", "RegionFailoverWorker");
    statement.put("Effect", "Allow");
    statement.putObject("Principal").put("AWS", workerPrincipal);
    statement.put("Action", "sts:AssumeRole");
    if (externalId != null) {
      statement.putObject("Condition").putObject("StringEquals").put("sts:ExternalId", externalId);
    }
    try {
      return IamPolicy.JSON.writer(IamPolicy.PRETTY).writeValueAsString(policy)
          + System.lineSeparator();
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
