package dev.regionfailover.workflows.pins;

import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Segments of a table in memory: each {@code repinSegment} call moves up to {@code perCall} of its
 * segment's entities, after {@code callTime} of real time and {@code skipped} of workflow time. It
 * fails a call whose checkpoint is not the one it returned last for that segment, so a lost
 * checkpoint (across continue-as-new, say) fails the workflow.
 */
final class FakePinActivities implements PinActivities {

  private final TestWorkflowEnvironment env;
  private final long[] remaining;
  private final long[] moved;
  private final int perCall;
  private final Duration callTime;
  private final Duration skipped;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private final AtomicInteger counts = new AtomicInteger();
  private final AtomicLong calls = new AtomicLong();
  private final List<String> broken = new CopyOnWriteArrayList<>();
  private volatile long appearAtSecondCount;
  private volatile CountDownLatch gate = new CountDownLatch(0);

  FakePinActivities(
      TestWorkflowEnvironment env,
      long[] perSegment,
      int perCall,
      Duration callTime,
      Duration skipped) {
    this.env = env;
    this.remaining = perSegment.clone();
    this.moved = new long[perSegment.length];
    this.perCall = perCall;
    this.callTime = callTime;
    this.skipped = skipped;
  }

  /** Entities that appear in segment 0 behind its cursor, found by the count after the pass. */
  FakePinActivities appearingAfterThePass(long entities) {
    appearAtSecondCount = entities;
    return this;
  }

  /** Holds every call after the first of each segment until {@link #release()}. */
  FakePinActivities held() {
    gate = new CountDownLatch(1);
    return this;
  }

  void release() {
    gate.countDown();
  }

  @Override
  public RepinResult repin(RepinRequest request) {
    throw new UnsupportedOperationException("the segmented re-pin does not call repin");
  }

  @Override
  public EntityCount countEntities(CountRequest request) {
    synchronized (this) {
      if (counts.incrementAndGet() == 2) {
        remaining[0] += appearAtSecondCount;
      }
      long left = 0;
      for (long r : remaining) {
        left += r;
      }
      return new EntityCount(left);
    }
  }

  @Override
  public SegmentCheckpoint repinSegment(SegmentRequest request) {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    calls.incrementAndGet();
    try {
      SegmentCheckpoint from = request.checkpoint();
      int segment = from.segment();
      if (from.moved() > 0 && !gate.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
      Thread.sleep(callTime.toMillis());
      if (!skipped.isZero()) {
        env.sleep(skipped);
      }
      synchronized (this) {
        if (from.moved() != moved[segment]) {
          broken.add(
              "segment " + segment + " resumed at " + from.moved() + ", not " + moved[segment]);
          throw new IllegalStateException(broken.get(broken.size() - 1));
        }
        long step = Math.min(perCall, remaining[segment]);
        remaining[segment] -= step;
        moved[segment] += step;
        boolean done = remaining[segment] == 0;
        return new SegmentCheckpoint(
            segment,
            done ? Map.of() : Map.of("id", "N:" + moved[segment]),
            from.nextBatch() + (step > 0 ? 1 : 0),
            moved[segment],
            from.retried() + 1,
            from.writes() + step + 1,
            done);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  int maxInFlight() {
    return maxInFlight.get();
  }

  long calls() {
    return calls.get();
  }

  int counts() {
    return counts.get();
  }

  List<String> broken() {
    return broken;
  }
}
