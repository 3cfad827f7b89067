package dev.regionfailover.workflows.evacuation;

import dev.regionfailover.workflows.estate.AwsRegions;
import dev.regionfailover.workflows.failover.FailoverMode;
import java.util.ArrayList;
import java.util.List;

/** The checks of an evacuation request's own fields, before any estate is read. */
final class RequestCheck {

  private RequestCheck() {}

  /** Every problem of {@code request}'s fields, each naming the field and how to fix it. */
  static List<String> problems(EvacuationRequest request) {
    List<String> problems = new ArrayList<>();
    if (request == null) {
      return List.of("the input is empty; send {\"region\":...,\"mode\":...,\"requestedBy\":...}");
    }
    if (request.region() == null || request.region().isBlank()) {
      problems.add("region is required: the region to evacuate, e.g. \"us-east-1\"");
    } else if (!AwsRegions.isKnown(request.region())) {
      problems.add("region: " + request.region() + " is not an AWS region");
    }
    FailoverMode mode = FailoverMode.parse(request.mode());
    if (request.mode() == null || request.mode().isBlank()) {
      problems.add("mode is required: one of " + FailoverMode.failoverModes());
    } else if (mode == null || !FailoverMode.failoverModes().contains(mode)) {
      problems.add("mode: " + request.mode() + " is not one of " + FailoverMode.failoverModes());
    }
    if (request.requestedBy() == null || request.requestedBy().isBlank()) {
      problems.add("requestedBy is required: who asks for the evacuation");
    }
    if (request.approval() != null && ApprovalMode.parse(request.approval()) == null) {
      problems.add("approval: " + request.approval() + " is not one of ONCE, PER_APP");
    }
    Integer bound = request.maxConcurrent();
    if (bound != null && (bound < 1 || bound > EvacuationRequest.MAX_CONCURRENCY)) {
      problems.add(
          "maxConcurrent: " + bound + " is not between 1 and " + EvacuationRequest.MAX_CONCURRENCY);
    }
    if (request.apps() != null && request.apps().stream().anyMatch(a -> a == null || a.isBlank())) {
      problems.add("apps: an entry is empty; list app names");
    }
    return problems;
  }
}
