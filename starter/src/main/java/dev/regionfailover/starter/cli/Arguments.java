package dev.regionfailover.starter.cli;

import dev.regionfailover.workflows.estate.AwsRegions;
import java.util.regex.Pattern;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks of argument values that picocli cannot express, each failing as a usage error. */
public final class Arguments {

  /** The estate parser's rule for app names, which become part of the workflow id. */
  private static final Pattern APP = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  private Arguments() {}

  public static String app(CommandSpec spec, String app) {
    if (!APP.matcher(app).matches()) {
      throw new ParameterException(
          spec.commandLine(),
          "APP "
              + app
              + " is not an app name: use the estate's app key (lower-case letters, digits and"
              + " dashes)");
    }
    return app;
  }

  public static String region(CommandSpec spec, String option, String region) {
    if (!AwsRegions.isKnown(region)) {
      throw new ParameterException(
          spec.commandLine(), option + ": " + region + " is not an AWS region");
    }
    return region;
  }

  public static String nonBlank(CommandSpec spec, String option, String value) {
    if (value == null || value.isBlank()) {
      throw new ParameterException(spec.commandLine(), option + " must not be blank");
    }
    return value.strip();
  }
}
