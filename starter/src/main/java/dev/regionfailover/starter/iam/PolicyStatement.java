package dev.regionfailover.starter.iam;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One Allow statement of a generated IAM policy.
 *
 * @param sid what the statement is for; where it allows every resource, it also says why
 * @param actions the IAM actions, as {@code service:Action}
 * @param resources the ARNs, or {@code *}
 * @param condition the statement's Condition (operator, then key and value), or empty
 */
public record PolicyStatement(
    String sid,
    List<String> actions,
    List<String> resources,
    Map<String, Map<String, String>> condition) {

  public PolicyStatement {
    requireNonNull(sid, "sid is null");
    actions = List.copyOf(actions);
    resources = List.copyOf(resources);
    condition = Map.copyOf(condition);
  }
}
