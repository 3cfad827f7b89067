package dev.regionfailover.devstack.temporal;

import com.google.protobuf.ByteString;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An activity completion that {@link ActivityTaskProxy} keeps from the Temporal server: the worker
 * finished the task, and the server has not heard of it. Released, the completion is dropped, never
 * forwarded; released before any completion came, the hold retires and lets it pass.
 */
public final class CompletionHold {

  private final ByteString taskToken;
  private final CountDownLatch held = new CountDownLatch(1);
  private ServerCall<byte[], byte[]> call;
  private boolean released;

  CompletionHold(ByteString taskToken) {
    this.taskToken = taskToken;
  }

  ByteString taskToken() {
    return taskToken;
  }

  /** Whether a completion is held now or was held and dropped. */
  public boolean held() {
    return held.getCount() == 0;
  }

  /** Waits until the completion is held; false when it was not within {@code timeout}. */
  public boolean awaitHeld(Duration timeout) throws InterruptedException {
    return held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Drops the held completion, or retires the hold when none is held yet. */
  public synchronized void release() {
    released = true;
    if (call != null) {
      drop(call);
    }
  }

  synchronized boolean released() {
    return released;
  }

  /** Keeps {@code completion} until {@link #release()}, answering the worker only then. */
  synchronized void hold(ServerCall<byte[], byte[]> completion) {
    held.countDown();
    if (released) {
      drop(completion);
    } else {
      call = completion;
    }
  }

  private static void drop(ServerCall<byte[], byte[]> completion) {
    completion.close(
        Status.UNAVAILABLE.withDescription("dropped by the crash test's proxy"), new Metadata());
  }
}
