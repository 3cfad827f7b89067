package dev.regionfailover.starter.evacuation;

import java.util.Optional;
import picocli.CommandLine.ExitCode;

/**
 * What a signal command prints: the evacuation's own record of the signal, which says whether it
 * counted and, if not, why; a refused signal exits 1.
 */
final class SignalReport {

  private static final String REFUSED = ": refused, ";

  private SignalReport() {}

  static int print(RegionTarget target, String kind, Optional<String> recorded, String next) {
    String region = target.region();
    if (recorded.isEmpty()) {
      target.print(
          "Sent %s to evacuate-%s, but it did not record it in time; check ./failover evacuate"
                  .formatted(kind, region)
              + " status "
              + region
              + "\n");
      return ExitCode.OK;
    }
    String line = recorded.get();
    int refused = line.indexOf(REFUSED);
    if (refused >= 0) {
      target.print(
          "The evacuation of %s refused %s: %s%n"
              .formatted(region, kind, line.substring(refused + REFUSED.length())));
      return ExitCode.SOFTWARE;
    }
    target.print("The evacuation of %s took %s: %s%n".formatted(region, kind, next));
    return ExitCode.OK;
  }
}
