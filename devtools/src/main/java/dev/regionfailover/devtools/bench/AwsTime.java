package dev.regionfailover.devtools.bench;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.aws.TimedCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The time a failover spent waiting on AWS, from the calls the stand-in served during it: the
 * length of the union of the intervals in which AWS was working for it. An interval is a call, from
 * its arrival to its answer (injected latency included), or the asynchronous work a call starts and
 * the failover waits for: an Aurora switchover runs for the promotion duration after {@code
 * SwitchoverGlobalCluster}, and a Route 53 change is {@code PENDING} for the change delay after
 * {@code ChangeResourceRecordSets}. Calls in a row add up, calls in parallel count once, so the
 * union is the AWS time on the failover's critical path; everything else in its wall time is the
 * orchestration's, or waiting the orchestration chose (poll intervals).
 *
 * @param total the length of the union
 * @param gaps the stretches of the window in which no AWS work was in flight, longest first
 */
record AwsTime(Duration total, List<Gap> gaps) {

  /** The dev stack's lag publisher, which calls AWS on its own schedule, not for the failover. */
  static final String LAG_PUBLISHER_OPERATION = "PutMetricData";

  /**
   * A stretch without AWS work.
   *
   * @param length how long it lasted
   * @param after the AWS work that ended just before it
   * @param before the call that started just after it
   */
  record Gap(Duration length, String after, String before) {}

  private record Interval(Instant from, Instant to, String what) {}

  /**
   * @param calls the calls served during the failover, as the stand-in's timeline recorded them
   * @param from the failover's start
   * @param to its end
   * @param promotion how long the stand-in keeps an Aurora switchover in progress
   * @param changeDelay how long the stand-in keeps a Route 53 change PENDING
   */
  static AwsTime of(
      List<TimedCall> calls, Instant from, Instant to, Duration promotion, Duration changeDelay) {
    requireNonNull(calls, "calls is null");
    List<Interval> intervals = new ArrayList<>();
    for (TimedCall call : failoverCalls(calls, from, to)) {
      intervals.add(new Interval(call.arrived(), call.answered(), call.operation()));
      if (call.operation().equals("SwitchoverGlobalCluster")
          || call.operation().equals("FailoverGlobalCluster")) {
        intervals.add(
            new Interval(call.arrived(), call.arrived().plus(promotion), "Aurora switchover"));
      } else if (call.operation().equals("ChangeResourceRecordSets")) {
        intervals.add(
            new Interval(
                call.arrived(), call.arrived().plus(changeDelay), "Route 53 change propagation"));
      }
    }
    intervals.sort(Comparator.comparing(Interval::from));
    Duration total = Duration.ZERO;
    List<Gap> gaps = new ArrayList<>();
    Instant coveredTo = from;
    String lastWork = "the failover's start";
    for (Interval interval : intervals) {
      Instant start = interval.from().isBefore(from) ? from : interval.from();
      Instant end = interval.to().isAfter(to) ? to : interval.to();
      if (!end.isAfter(start)) {
        continue;
      }
      if (start.isAfter(coveredTo)) {
        gaps.add(new Gap(Duration.between(coveredTo, start), lastWork, interval.what()));
      }
      if (end.isAfter(coveredTo)) {
        total = total.plus(Duration.between(start.isAfter(coveredTo) ? start : coveredTo, end));
        coveredTo = end;
        lastWork = interval.what();
      }
    }
    if (to.isAfter(coveredTo)) {
      gaps.add(new Gap(Duration.between(coveredTo, to), lastWork, "the failover's end"));
    }
    gaps.sort(Comparator.comparing(Gap::length).reversed());
    return new AwsTime(total, List.copyOf(gaps));
  }

  /** The calls made for the failover: inside its window, and not the lag publisher's. */
  static List<TimedCall> failoverCalls(List<TimedCall> calls, Instant from, Instant to) {
    return calls.stream()
        .filter(call -> !call.operation().equals(LAG_PUBLISHER_OPERATION))
        .filter(call -> !call.arrived().isBefore(from) && !call.arrived().isAfter(to))
        .toList();
  }
}
