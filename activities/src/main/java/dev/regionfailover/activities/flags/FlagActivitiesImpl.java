package dev.regionfailover.activities.flags;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.workflows.flags.FlagActivities;
import dev.regionfailover.workflows.flags.FlagRequest;
import dev.regionfailover.workflows.flags.FlagValue;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** Flags as plain String parameters in SSM Parameter Store; a missing parameter reads as null. */
public final class FlagActivitiesImpl implements FlagActivities {

  private static final Logger log = LoggerFactory.getLogger(FlagActivitiesImpl.class);

  private final AwsClients clients;

  @Inject
  public FlagActivitiesImpl(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  @Override
  public FlagValue read(FlagRequest request) {
    String region = request.region();
    String name = request.name();
    String value =
        AwsFailures.call(
            "GetParameter",
            "parameter " + name,
            region,
            () -> {
              try {
                return clients.ssm(region).getParameter(b -> b.name(name)).parameter().value();
              } catch (ParameterNotFoundException e) {
                return null;
              }
            });
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
      AwsFailures.run(
          "DeleteParameter",
          "parameter " + name,
          region,
          () -> {
            try {
              clients.ssm(region).deleteParameter(b -> b.name(name));
            } catch (ParameterNotFoundException e) {
              log.info("Parameter {} in {} was deleted meanwhile", name, region);
            }
          });
    } else {
      AwsFailures.run(
          "PutParameter",
          "parameter " + name,
          region,
          () ->
              clients
                  .ssm(region)
                  .putParameter(
                      b ->
                          b.name(name)
                              .value(desired.value())
                              .type(ParameterType.STRING)
                              .overwrite(true)));
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
