package dev.regionfailover.activities.flags;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.ssm.Parameters;
import dev.regionfailover.workflows.flags.FlagActivities;
import dev.regionfailover.workflows.flags.FlagRequest;
import dev.regionfailover.workflows.flags.FlagValue;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Flags as plain String parameters in SSM Parameter Store; a missing parameter reads as null. */
public final class FlagActivitiesImpl implements FlagActivities {

  private static final Logger log = LoggerFactory.getLogger(FlagActivitiesImpl.class);

  private final Parameters parameters;

  @Inject
  public FlagActivitiesImpl(AwsClients clients) {
    this.parameters = new Parameters(requireNonNull(clients, "clients is null"));
  }

  @Override
  public FlagValue read(FlagRequest request) {
    String region = request.region();
    String name = request.name();
    String value = parameters.value(region, name);
    return new FlagValue(region, name, value);
  }

  @Override
  public FlagValue write(FlagValue desired) {
    String region = desired.region();
    String name = desired.name();
    FlagValue current = read(new FlagRequest(region, name));
    if (Objects.equals(current.value(), desired.value())) {
      log.info("Parameter {} in {} is already {}", name, region, desired.value());
      return current;
    }
    if (desired.value() == null) {
      if (!parameters.delete(region, name)) {
        log.info("Parameter {} in {} was deleted meanwhile", name, region);
      }
    } else {
      parameters.put(region, name, desired.value());
    }
    log.info("Parameter {} in {}: {} -> {}", name, region, current.value(), desired.value());
    FlagValue readBack = read(new FlagRequest(region, name));
    if (!Objects.equals(readBack.value(), desired.value())) {
      throw ApplicationFailure.newFailure(
          "read back parameter "
              + name
              + " in "
              + region
              + " after writing "
              + desired.value()
              + " and found "
              + readBack.value(),
          "FlagReadBackMismatch");
    }
    return readBack;
  }
}
