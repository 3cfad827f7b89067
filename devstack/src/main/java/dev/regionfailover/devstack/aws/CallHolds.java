package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The requests a test asked the stand-in to {@link CallHold hold}, and the observers that see every
 * request the stand-in serves. Crash tests use them to kill a worker just before an AWS call
 * reaches AWS, or just after AWS answered it. Each armed hold claims one request and then retires;
 * {@link AwsStandIn#reset()} releases and forgets every hold. Thread-safe.
 */
public final class CallHolds {

  /** A request the stand-in served: forwarded to moto or answered itself. */
  public record ServedCall(String region, String operation) {}

  /** The request header that carries an after-AWS hold from the request filter to the answer. */
  static final String HOLD_HEADER = "X-Stand-In-Hold";

  private final List<CallHold> armed = new ArrayList<>();
  private final List<CallHold> claimed = new ArrayList<>();
  private final List<Consumer<ServedCall>> observers = new CopyOnWriteArrayList<>();
  private long armedSoFar;

  CallHolds() {}

  /**
   * Holds the {@code occurrence}th request (1: the next one) of {@code operation} signed for {@code
   * region} ({@link CallHold#ANY_REGION}: any) that the stand-in serves from now on, at {@code
   * moment}. Requests a fault rejects are not counted. When several armed holds match a request,
   * the one armed first claims it; the count of a hold armed later goes on only with the requests
   * it sees.
   */
  public synchronized CallHold arm(
      String region, String operation, int occurrence, CallHold.Moment moment) {
    armedSoFar++;
    CallHold hold = new CallHold(Long.toString(armedSoFar), region, operation, occurrence, moment);
    armed.add(hold);
    return hold;
  }

  /**
   * Calls {@code observer} on the request thread with every request the stand-in serves (passed by
   * the faults and not dropped by a hold before AWS), before it is forwarded, until {@link
   * AwsStandIn#reset()}.
   */
  public void observe(Consumer<ServedCall> observer) {
    observers.add(requireNonNull(observer, "observer is null"));
  }

  /**
   * Returns the armed hold that claims {@code call}, if any, and tells the observers of it unless
   * the hold drops it before AWS.
   */
  synchronized Optional<CallHold> served(AwsCall call) {
    Optional<CallHold> claiming = armed.stream().filter(hold -> hold.claims(call)).findFirst();
    claiming.ifPresent(
        hold -> {
          armed.remove(hold);
          claimed.add(hold);
        });
    if (claiming.isEmpty() || claiming.get().moment() == CallHold.Moment.AFTER_AWS) {
      ServedCall served = new ServedCall(call.region(), call.operation());
      observers.forEach(observer -> observer.accept(served));
    }
    return claiming;
  }

  /** The claimed hold with this {@link #HOLD_HEADER} value. */
  synchronized Optional<CallHold> claimed(String id) {
    return claimed.stream().filter(hold -> hold.id().equals(id)).findFirst();
  }

  /** Releases every hold and forgets the holds and observers. */
  synchronized void clear() {
    armed.forEach(CallHold::release);
    claimed.forEach(CallHold::release);
    armed.clear();
    claimed.clear();
    observers.clear();
  }
}
