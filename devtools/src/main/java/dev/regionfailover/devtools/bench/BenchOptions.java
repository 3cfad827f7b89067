package dev.regionfailover.devtools.bench;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The checks of the benchmarks' numeric options: a value out of range is a usage error. */
final class BenchOptions {

  private BenchOptions() {}

  /**
   * @throws ParameterException naming the option and its range, when {@code value} is outside it
   */
  static void check(CommandSpec spec, String option, int value, int min, int max) {
    if (value < min || value > max) {
      throw new ParameterException(
          spec.commandLine(), option + ": " + value + " is not between " + min + " and " + max);
    }
  }
}
