package dev.regionfailover.workflows.identity;

import io.temporal.activity.ActivityInterface;

/** Proves who signed a request by asking STS. */
@ActivityInterface(namePrefix = "Identity")
public interface IdentityActivities {

  /** The type of the failure of a request STS refuses, or that has expired or is malformed. */
  String REFUSED = "IdentityRefused";

  /**
   * Sends the signed request to the STS endpoint of the region it was signed for, as this worker
   * reaches STS, and returns whose credentials signed it. Fails non-retryably, with type {@link
   * #REFUSED}, when the request is malformed, expired, signed for another endpoint, or refused by
   * STS.
   */
  CallerIdentity callerIdentity(SignedCallerIdentity request);
}
