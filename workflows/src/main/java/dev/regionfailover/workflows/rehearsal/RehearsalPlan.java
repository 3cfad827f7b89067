package dev.regionfailover.workflows.rehearsal;

import dev.regionfailover.workflows.estate.AwsRegions;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A rehearsal request after validation, with its defaults filled in. The workflow and the CLI
 * validate with the same code, so the CLI refuses exactly what the workflow would.
 */
public record RehearsalPlan(
    String app,
    String targetRegion,
    Duration holdFor,
    Duration checkEvery,
    boolean rotate,
    String reason,
    String requestedBy) {

  /** How often the target's health is read during the hold unless the request says otherwise. */
  public static final Duration DEFAULT_CHECK_EVERY = Duration.ofMinutes(1);

  /** A rehearsal holds in the target for at most this long; longer is a rotation, not a drill. */
  public static final Duration MAX_HOLD = Duration.ofHours(24);

  /** Health reads more often than this would only load the estate's control planes. */
  public static final Duration MIN_CHECK_EVERY = Duration.ofSeconds(1);

  /**
   * Each health check is a child workflow in the rehearsal's history; this bound keeps that history
   * far below Temporal's limits.
   */
  public static final long MAX_HEALTH_CHECKS = 500;

  /** The estate parser's rule for app names, which become part of workflow ids. */
  private static final Pattern APP = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  /**
   * Validates {@code request}.
   *
   * @throws InvalidRehearsalRequest naming every problem at once
   */
  public static RehearsalPlan from(RehearsalRequest request) {
    List<String> problems = new ArrayList<>();
    if (request == null) {
      throw new InvalidRehearsalRequest(
          List.of(
              "the input is empty; send a JSON object such as"
                  + " {\"app\":\"orders\",\"targetRegion\":\"us-west-2\",\"holdFor\":\"PT10M\"}"));
    }
    String app = request.app();
    if (app == null || app.isBlank()) {
      problems.add("\"app\" is missing");
    } else if (!APP.matcher(app).matches()) {
      problems.add(
          "\"app\" is "
              + app
              + ", not an app name (lower-case letters, digits and dashes, as in the estate)");
    }
    String target = request.targetRegion();
    if (target == null || target.isBlank()) {
      problems.add("\"targetRegion\" is missing");
    } else if (!AwsRegions.isKnown(target)) {
      problems.add("\"targetRegion\" is " + target + ", not an AWS region");
    }
    Duration holdFor = duration("holdFor", request.holdFor(), null, problems);
    if (request.holdFor() == null || request.holdFor().isBlank()) {
      problems.add("\"holdFor\" is missing: how long to stay in the target, such as PT10M");
    } else if (holdFor != null && (holdFor.isNegative() || holdFor.isZero())) {
      problems.add("\"holdFor\" is " + request.holdFor() + " but must be positive");
    } else if (holdFor != null && holdFor.compareTo(MAX_HOLD) > 0) {
      problems.add(
          "\"holdFor\" is "
              + request.holdFor()
              + " but a rehearsal holds for at most "
              + MAX_HOLD
              + "; use a planned failover to move for longer");
    }
    Duration checkEvery =
        duration("checkEvery", request.checkEvery(), DEFAULT_CHECK_EVERY, problems);
    if (checkEvery != null && checkEvery.compareTo(MIN_CHECK_EVERY) < 0) {
      problems.add(
          "\"checkEvery\" is " + request.checkEvery() + " but must be at least " + MIN_CHECK_EVERY);
    }
    if (holdFor != null
        && holdFor.compareTo(Duration.ZERO) > 0
        && holdFor.compareTo(MAX_HOLD) <= 0
        && checkEvery != null
        && checkEvery.compareTo(MIN_CHECK_EVERY) >= 0
        && healthChecks(holdFor, checkEvery) > MAX_HEALTH_CHECKS) {
      problems.add(
          "\"checkEvery\" is "
              + checkEvery
              + ", which would check health "
              + healthChecks(holdFor, checkEvery)
              + " times in "
              + holdFor
              + "; at most "
              + MAX_HEALTH_CHECKS
              + " checks fit one rehearsal, so check less often");
    }
    if (request.rotate() != null
        && request.returnAfter() != null
        && request.rotate().equals(request.returnAfter())) {
      problems.add(
          "\"rotate\" is "
              + request.rotate()
              + " and \"returnAfter\" is "
              + request.returnAfter()
              + ": they contradict each other; give one of them");
    }
    if (request.requestedBy() == null || request.requestedBy().isBlank()) {
      problems.add("\"requestedBy\" is missing; name who asks for the rehearsal");
    }
    if (!problems.isEmpty()) {
      throw new InvalidRehearsalRequest(problems);
    }
    boolean rotate =
        request.rotate() != null
            ? request.rotate()
            : request.returnAfter() != null && !request.returnAfter();
    String reason = request.reason() == null || request.reason().isBlank() ? "" : request.reason();
    return new RehearsalPlan(
        app, target, holdFor, checkEvery, rotate, reason, request.requestedBy());
  }

  /** How many health checks a hold makes: one per interval, the last one cut short. */
  public static long healthChecks(Duration holdFor, Duration checkEvery) {
    long hold = holdFor.toMillis();
    long every = checkEvery.toMillis();
    return Math.max(1, (hold + every - 1) / every);
  }

  private static Duration duration(
      String field, String text, Duration fallback, List<String> problems) {
    if (text == null || text.isBlank()) {
      return fallback;
    }
    try {
      return Duration.parse(text.strip());
    } catch (DateTimeParseException e) {
      problems.add(
          "\""
              + field
              + "\" is "
              + text
              + ", not an ISO-8601 duration such as PT10M, PT90S or PT1H30M");
      return null;
    }
  }
}
