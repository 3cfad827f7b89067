package dev.regionfailover.workflows.flags;

import io.temporal.activity.ActivityInterface;

/** Feature flags in SSM Parameter Store, such as each region's writes-enabled flag. */
@ActivityInterface(namePrefix = "Flag")
public interface FlagActivities {

  FlagValue read(FlagRequest request);

  /** Writes the value (deletes the parameter when it is null) and reads it back. */
  FlagValue write(FlagValue desired);
}
