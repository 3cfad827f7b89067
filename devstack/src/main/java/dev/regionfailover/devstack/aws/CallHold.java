package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One AWS request the stand-in holds for a test, armed through {@link CallHolds#arm}: the request
 * thread waits here until the test {@link #release() releases} it, so that the test can kill the
 * caller at a known moment of the call. Held {@link Moment#BEFORE_AWS before} it reached AWS, a
 * released request is never forwarded: the caller is gone, and the test wants AWS never to have
 * seen it. Held {@link Moment#AFTER_AWS after} AWS answered, a released answer is written to the
 * caller's connection, which is dead by then.
 */
public final class CallHold {

  /** When, in a call's life, the stand-in holds it. */
  public enum Moment {
    /** The request reached the stand-in and is not forwarded: AWS never sees it. */
    BEFORE_AWS,
    /** AWS answered, so the call had its effect; the answer is kept from the caller. */
    AFTER_AWS
  }

  /** The region of a hold that claims a matching request of any region. */
  public static final String ANY_REGION = "*";

  /**
   * How long a held request waits at most for its release, so that a test that forgets one does not
   * keep a server thread forever.
   */
  static final Duration LONGEST_HOLD = Duration.ofMinutes(5);

  private final String id;
  private final String region;
  private final String operation;
  private final Moment moment;
  private final CountDownLatch held = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);
  private int toSkip;

  CallHold(String id, String region, String operation, int occurrence, Moment moment) {
    this.id = requireNonNull(id, "id is null");
    this.region = requireNonNull(region, "region is null");
    this.operation = requireNonNull(operation, "operation is null");
    this.moment = requireNonNull(moment, "moment is null");
    if (occurrence < 1) {
      throw new IllegalArgumentException("occurrence must be 1 or more: " + occurrence);
    }
    this.toSkip = occurrence - 1;
  }

  /** When it holds the call. */
  public Moment moment() {
    return moment;
  }

  /** Whether a request is held now or was held and released. */
  public boolean held() {
    return held.getCount() == 0;
  }

  /** Waits until a request is held; false when none was within {@code timeout}. */
  public boolean awaitHeld(Duration timeout) throws InterruptedException {
    return held.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Lets the held request go on, as its moment says, or lets the next match pass unheld. */
  public void release() {
    released.countDown();
  }

  /**
   * Whether {@code call} is the one to hold, counting the matching calls before it. Called by one
   * request thread at a time, under the lock of {@link CallHolds}.
   */
  boolean claims(AwsCall call) {
    if (!(region.equals(ANY_REGION) || region.equals(call.region()))
        || !operation.equals(call.operation())) {
      return false;
    }
    if (toSkip > 0) {
      toSkip--;
      return false;
    }
    return true;
  }

  /** What identifies this hold in {@link CallHolds#HOLD_HEADER}. */
  String id() {
    return id;
  }

  /** Holds the calling request thread until {@link #release()} (or {@link #LONGEST_HOLD}). */
  void hold() {
    held.countDown();
    try {
      released.await(LONGEST_HOLD.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return operation + " in " + region + " (" + moment + ")";
  }
}
