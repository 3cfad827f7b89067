package dev.regionfailover.devstack.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many requests of each region and operation the stand-in served, or rejected. Only counts are
 * kept, never the requests, so memory stays flat in a dev session that runs for hours; unrecognised
 * requests share one {@link AwsCall#UNKNOWN_OPERATION} key for the same reason.
 */
final class OperationCounter {

  private final Map<AwsCall, LongAdder> counts = new ConcurrentHashMap<>();

  void record(AwsCall call) {
    counts.computeIfAbsent(call, key -> new LongAdder()).increment();
  }

  long count(String operation) {
    return counts.entrySet().stream()
        .filter(entry -> entry.getKey().operation().equals(operation))
        .mapToLong(entry -> entry.getValue().sum())
        .sum();
  }

  long count(String region, String operation) {
    LongAdder adder = counts.get(new AwsCall(region, operation));
    return adder == null ? 0 : adder.sum();
  }

  void reset() {
    counts.clear();
  }
}
