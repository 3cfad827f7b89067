package dev.regionfailover.worker;

import dev.regionfailover.connection.TemporalProfile;
import dev.regionfailover.worker.quota.QuotaRates;
import dev.regionfailover.workflows.quota.QuotaApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.ParseResult;

/**
 * The worker's whole configuration, read once from flags, environment and Temporal's config file,
 * and validated before anything connects. A flag wins over its environment variable, which wins
 * over the config file's profile.
 *
 * @param temporal the Temporal connection: address, namespace, TLS and credentials
 * @param estatesDirectory the directory of estate YAML files
 * @param stickyScheduleToStartTimeout how long a workflow task waits on this worker's sticky queue
 *     before going to the shared one; zero for the Java test server, which ignores the timeout and
 *     would otherwise strand workflows of a worker that died
 * @param httpPort the port of the health and metrics endpoints
 * @param shutdownGrace how long, on SIGTERM, the activities in flight may take to finish
 * @param quotaRates the calls per second per account of each quota-bound API's task queues
 */
public record WorkerConfig(
    TemporalProfile temporal,
    Path estatesDirectory,
    Duration stickyScheduleToStartTimeout,
    int httpPort,
    Duration shutdownGrace,
    QuotaRates quotaRates) {

  /** Reads the configuration, or fails listing every problem and the usage. */
  public static WorkerConfig from(String[] args, Map<String, String> environment) {
    WorkerFlags flags = new WorkerFlags();
    CommandLine commandLine = new CommandLine(flags);
    commandLine.setDefaultValueProvider(new WorkerFlags.EnvironmentDefaults(environment));
    commandLine.getCommandSpec().parser().collectErrors(true);
    ParseResult parsed = commandLine.parseArgs(args);
    List<String> problems = new ArrayList<>();
    parsed.errors().forEach(error -> problems.add(error.getMessage()));

    Optional<TemporalProfile> temporal = flags.temporal.resolve(environment, problems);
    Path estates = Path.of(flags.estates);
    if (!Files.isDirectory(estates)) {
      problems.add("--estates " + estates.toAbsolutePath() + " is not a directory");
    }
    Duration sticky = Duration.ZERO;
    try {
      sticky = Duration.parse(flags.stickyTimeout);
      if (sticky.isNegative()) {
        problems.add("--sticky-timeout " + flags.stickyTimeout + " must not be negative");
      }
    } catch (DateTimeParseException e) {
      problems.add(
          "--sticky-timeout "
              + flags.stickyTimeout
              + " is not an ISO-8601 duration such as PT5S or PT0S");
    }
    int httpPort = port(flags.httpPort, problems);
    Duration grace = Duration.ZERO;
    try {
      grace = Duration.parse(flags.shutdownGrace);
      if (grace.isNegative()) {
        problems.add("--shutdown-grace " + flags.shutdownGrace + " must not be negative");
      }
    } catch (DateTimeParseException e) {
      problems.add(
          "--shutdown-grace "
              + flags.shutdownGrace
              + " is not an ISO-8601 duration such as PT60S or PT2M");
    }
    Map<QuotaApi, Double> rates = new EnumMap<>(QuotaApi.class);
    rates.put(QuotaApi.ROUTE53, rate("--quota-route53", flags.quotaRoute53, problems));
    rates.put(QuotaApi.RDS, rate("--quota-rds", flags.quotaRds, problems));
    rates.put(
        QuotaApi.GLOBAL_ACCELERATOR,
        rate("--quota-globalaccelerator", flags.quotaGlobalAccelerator, problems));
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(
          String.join("\n", problems) + "\n" + commandLine.getUsageMessage(Ansi.OFF));
    }
    return new WorkerConfig(
        temporal.orElseThrow(), estates, sticky, httpPort, grace, new QuotaRates(rates));
  }

  private static double rate(String flag, String text, List<String> problems) {
    try {
      double rate = Double.parseDouble(text.trim());
      if (rate > 0 && !Double.isInfinite(rate)) {
        return rate;
      }
    } catch (NumberFormatException e) {
      // Reported below with what is accepted.
    }
    problems.add(
        flag + " " + text + " is not a positive number of calls per second, such as 5 or 0.5");
    return 1;
  }

  private static int port(String text, List<String> problems) {
    try {
      int port = Integer.parseInt(text.trim());
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // Reported below with the accepted range.
    }
    problems.add("--http-port " + text + " is not a port number from 1 to 65535");
    return 0;
  }
}
