package dev.regionfailover.activities.ssm;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import java.util.Optional;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** Plain String parameters in SSM Parameter Store, where a missing parameter is no value. */
public final class Parameters {

  private final AwsClients clients;

  public Parameters(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  /**
   * The parameter's value, or empty when it does not exist. Other failures are the SDK's own, for
   * callers that judge them themselves (readiness turns them into findings).
   */
  public Optional<String> find(String region, String name) {
    return AwsFailures.unlessMissing(
        ParameterNotFoundException.class::isInstance,
        () -> clients.ssm(region).getParameter(b -> b.name(name)).parameter().value());
  }

  /**
   * {@link #find}, with failures translated by {@link AwsFailures}; null when it does not exist.
   */
  public String value(String region, String name) {
    return AwsFailures.call(
        "GetParameter", resource(name), region, () -> find(region, name).orElse(null));
  }

  /** Writes the value, replacing any other. */
  public void put(String region, String name, String value) {
    AwsFailures.run(
        "PutParameter",
        resource(name),
        region,
        () ->
            clients
                .ssm(region)
                .putParameter(
                    b -> b.name(name).value(value).type(ParameterType.STRING).overwrite(true)));
  }

  /**
   * Deletes the parameter.
   *
   * @return false when it did not exist
   */
  public boolean delete(String region, String name) {
    return AwsFailures.call(
        "DeleteParameter",
        resource(name),
        region,
        () -> {
          try {
            clients.ssm(region).deleteParameter(b -> b.name(name));
            return true;
          } catch (ParameterNotFoundException e) {
            return false;
          }
        });
  }

  private static String resource(String name) {
    return "parameter " + name;
  }
}
