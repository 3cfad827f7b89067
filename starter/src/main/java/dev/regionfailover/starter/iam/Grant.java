package dev.regionfailover.starter.iam;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One entry of the {@link PolicyCatalogue}: actions the activities call, and the resources of an
 * estate they call them on.
 *
 * @param sid the statement's Sid; for a grant on every resource it says why
 * @param actions the IAM actions, as {@code service:Action}
 * @param resources the ARNs of an estate's resources the actions need, or {@link #ANY} for actions
 *     that AWS does not scope to a resource
 * @param condition the statement's Condition, or empty
 */
record Grant(
    String sid,
    List<String> actions,
    Function<EstateResources, List<String>> resources,
    Map<String, Map<String, String>> condition) {

  /** The resources of actions that AWS authorizes only on {@code *}. */
  static final Function<EstateResources, List<String>> ANY = estate -> List.of("*");

  Grant {
    requireNonNull(sid, "sid is null");
    actions = List.copyOf(actions);
    requireNonNull(resources, "resources is null");
    condition = Map.copyOf(condition);
  }

  Grant(String sid, List<String> actions, Function<EstateResources, List<String>> resources) {
    this(sid, actions, resources, Map.of());
  }
}
