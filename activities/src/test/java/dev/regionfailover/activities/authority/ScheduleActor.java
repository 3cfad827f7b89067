package dev.regionfailover.activities.authority;

import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.AuthorityTransition;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One actor of a {@link Schedule}: a failover or a recovery of the app that calls the real
 * authority activities the way the workflows do. It reads the epoch first, then makes one
 * conditional transition per copy: every copy FENCED, then every copy ACTIVE. A retryable failure
 * leaves the step to be made again by its next move; a non-retryable one ends the actor, as it ends
 * the workflow's saga. A recovery, like {@code RecoveryReading} and {@code RecoveryExecution},
 * leaves as it was a copy outside its writer's region that does not answer: it plans without a copy
 * it could not read, and drops the rest of its plan for a copy whose transition found the region
 * down; it ends, changing nothing, when its writer's own copy does not answer its read.
 */
final class ScheduleActor {

  /** What one call of a transition came to; {@code request} is null when no transition was sent. */
  record Call(String actor, AuthorityTransition request, boolean succeeded, String failure) {

    static final Call NONE = new Call(null, null, false, null);

    @Override
    public String toString() {
      if (request == null) {
        return "no transition";
      }
      return actor
          + " "
          + request.state()
          + " "
          + request.regions()
          + " "
          + request.expectedEpoch()
          + "->"
          + request.newEpoch()
          + (succeeded ? " succeeded" : " failed: " + failure);
    }
  }

  private final String id;
  private final Schedule.Actor spec;
  private final AuthorityActivities activities;
  private final String app;
  private final String table;
  private final List<String> regions;
  private List<AuthorityTransition> plan;
  private final Set<String> leftAsItWas = new TreeSet<>();
  private final Set<String> newlyLeft = new TreeSet<>();
  private int next;
  private AuthorityTransition last;
  private boolean stopped;

  ScheduleActor(
      String id,
      Schedule.Actor spec,
      AuthorityActivities activities,
      String app,
      String table,
      List<String> regions) {
    this.id = id;
    this.spec = spec;
    this.activities = activities;
    this.app = app;
    this.table = table;
    this.regions = regions;
  }

  /** Makes the actor's next call: the read while it has no plan, then its next transition. */
  Call advance() {
    if (stopped) {
      return Call.NONE;
    }
    if (plan == null) {
      try {
        plan = planFromRead();
      } catch (RuntimeException failure) {
        stopped = isNonRetryable(failure);
      }
      return Call.NONE;
    }
    return next == plan.size() ? Call.NONE : send(plan.get(next));
  }

  /** Sends the last transition again, exactly as before, as an activity retry does. */
  Call retry() {
    return stopped || last == null ? Call.NONE : send(last);
  }

  /** True when every copy is ACTIVE by this actor's plan: the actor finished its work. */
  boolean finished() {
    return plan != null && next == plan.size();
  }

  void abort() {
    stopped = true;
  }

  /**
   * The regions whose copy this recovery left as it was, because the region did not answer, since
   * the last call of this method.
   */
  Set<String> takeNewlyLeft() {
    Set<String> taken = Set.copyOf(newlyLeft);
    newlyLeft.clear();
    return taken;
  }

  /** True unless this actor left a copy as it was: its epochs were planned from every copy. */
  boolean coversEveryCopy() {
    return leftAsItWas.isEmpty();
  }

  /** True once the actor has read the ledger and planned its transitions. */
  boolean planned() {
    return plan != null;
  }

  String id() {
    return id;
  }

  private void leave(String region) {
    leftAsItWas.add(region);
    newlyLeft.add(region);
  }

  private Call send(AuthorityTransition request) {
    last = request;
    try {
      activities.transition(request);
      if (next < plan.size() && plan.get(next).equals(request)) {
        next++;
      }
      return new Call(id, request, true, null);
    } catch (RuntimeException failure) {
      stopped = isNonRetryable(failure);
      String region = request.regions().get(0);
      if (!stopped
          && isRecovery()
          && !region.equals(spec.region())
          && next < plan.size()
          && request.equals(plan.get(next))) {
        // The step ran out of probe attempts: the copy stays as it is, and so does its activation.
        leave(region);
        plan.subList(next, plan.size()).removeIf(step -> step.regions().contains(region));
      }
      String type =
          failure instanceof ApplicationFailure application
              ? application.getType()
              : failure.getClass().getSimpleName();
      return new Call(id, request, false, type);
    }
  }

  /**
   * Whether Temporal would end the workflow's step: only a non-retryable application failure does;
   * any other exception, such as the SDK's for a refused connection, is retried.
   */
  private static boolean isNonRetryable(RuntimeException failure) {
    return failure instanceof ApplicationFailure application && application.isNonRetryable();
  }

  private boolean isRecovery() {
    return spec.kind() == Schedule.Kind.RECOVERY;
  }

  private List<AuthorityTransition> planFromRead() {
    Map<String, Long> epochs = new LinkedHashMap<>();
    if (isRecovery()) {
      // A recovery reads each copy on its own, as its facts do, and plans for those that answer.
      for (String region : regions) {
        try {
          epochs.put(
              region,
              activities.read(new ReadAuthorityRequest(app, table, List.of(region))).epoch());
        } catch (RuntimeException failure) {
          if (isNonRetryable(failure) || region.equals(spec.region())) {
            // Authority can only move to a region that answers: the recovery refuses its plan.
            stopped = true;
            return null;
          }
          leave(region);
        }
      }
    } else {
      // A failover reads every copy at once and insists that they agree.
      long epoch = activities.read(new ReadAuthorityRequest(app, table, regions)).epoch();
      regions.forEach(region -> epochs.put(region, epoch));
    }
    long newest = epochs.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    List<AuthorityTransition> steps = new ArrayList<>();
    epochs.forEach(
        (region, epoch) ->
            steps.add(transition(region, epoch, newest + 1, AuthorityState.FENCED, null, "fence")));
    for (String region : epochs.keySet()) {
      steps.add(
          transition(
              region, newest + 1, newest + 2, AuthorityState.ACTIVE, spec.region(), "activate"));
    }
    return steps;
  }

  private AuthorityTransition transition(
      String region, long from, long to, AuthorityState state, String writer, String reason) {
    return new AuthorityTransition(
        app, table, List.of(region), from, to, state, writer, id, reason + " " + region);
  }
}
