package dev.regionfailover.workflows.estate;

import java.util.Map;
import java.util.TreeMap;

/**
 * The opt-in {@code approvals.verified} setting: each approver's IAM principal. An approval then
 * counts only with a signed {@code sts:GetCallerIdentity} request that STS answers with the
 * approver's own principal, so a name in a payload is no longer enough.
 *
 * @param principals the principal ARN of each approver, by approver name; distinct, so that two
 *     approvals always come from two principals
 */
public record VerifiedApprovers(Map<String, String> principals) {

  public VerifiedApprovers {
    principals = Map.copyOf(principals);
  }

  /** The principal of {@code approver}, or null when they have none. */
  public String principal(String approver) {
    return approver == null ? null : principals.get(approver);
  }

  /** The approver whose principal is {@code arn}, or null. */
  public String approverOf(String arn) {
    return new TreeMap<>(principals)
        .entrySet().stream()
            .filter(entry -> entry.getValue().equals(arn))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElse(null);
  }
}
