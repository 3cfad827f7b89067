package dev.regionfailover.activities.authority;

import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.metrics.MetricCollection;
import software.amazon.awssdk.metrics.MetricPublisher;

/**
 * Lets one actor's move run inside another's call: once armed, the next {@code GetItem} that
 * completes (the read a transition makes before its conditional write) runs the armed move before
 * the call goes on. So a schedule can put a rival's transition between an actor's read and its
 * write, deterministically, which is the race the ledger's conditional write exists for. The SDK
 * publishes a synchronous client's metrics on the calling thread when the call ends, which this
 * checks.
 */
final class Interleaving implements MetricPublisher {

  private Runnable armed;
  private Thread caller;

  /** Runs {@code rival} when the current thread's next {@code GetItem} completes. */
  void arm(Runnable rival) {
    armed = rival;
    caller = Thread.currentThread();
  }

  /** Drops a move that found no read to run inside. */
  void disarm() {
    armed = null;
  }

  @Override
  public void publish(MetricCollection metrics) {
    if (armed == null || !metrics.metricValues(CoreMetric.OPERATION_NAME).contains("GetItem")) {
      return;
    }
    if (Thread.currentThread() != caller) {
      throw new IllegalStateException("the SDK published metrics on another thread");
    }
    Runnable rival = armed;
    armed = null;
    rival.run();
  }

  @Override
  public void close() {}
}
