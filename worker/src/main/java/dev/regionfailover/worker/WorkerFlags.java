package dev.regionfailover.worker;

import dev.regionfailover.connection.ConnectionOptions;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

/** The worker's command line, parsed by picocli into {@link WorkerConfig}. */
@Command(
    name = "WorkerMain",
    sortOptions = false,
    footer = {
      "Flags win over environment variables, and those over the profile of the Temporal config"
          + " file.",
      "AWS access uses the SDK's standard configuration: the default credentials chain,"
          + " AWS_REGION, AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>."
    })
final class WorkerFlags {

  @Mixin ConnectionOptions temporal;

  @Option(
      names = "--estates",
      paramLabel = "DIR",
      defaultValue = "deploy/estates",
      description =
          "Directory of estate YAML files (env FAILOVER_ESTATES_DIR, default ${DEFAULT-VALUE}).")
  String estates;

  @Option(
      names = "--sticky-timeout",
      paramLabel = "DURATION",
      defaultValue = "PT5S",
      description =
          "Sticky-queue schedule-to-start timeout, ISO-8601; PT0S against the Java test server"
              + " (env TEMPORAL_STICKY_TIMEOUT, default ${DEFAULT-VALUE}).")
  String stickyTimeout;

  @Option(
      names = "--http-port",
      paramLabel = "PORT",
      defaultValue = "8080",
      description =
          "Port of the HTTP server of /healthz, /readyz and /metrics, on every interface"
              + " (env FAILOVER_HTTP_PORT, default ${DEFAULT-VALUE}).")
  String httpPort;

  @Option(
      names = "--shutdown-grace",
      paramLabel = "DURATION",
      defaultValue = "PT60S",
      description =
          "On SIGTERM, how long the activities in flight may take to finish after polling stops,"
              + " ISO-8601 (env FAILOVER_SHUTDOWN_GRACE, default ${DEFAULT-VALUE}).")
  String shutdownGrace;

  @Option(
      names = "--quota-route53",
      paramLabel = "PER_SECOND",
      defaultValue = "4",
      description =
          "Route 53 changes per second per AWS account, for all workers together: the rate of the"
              + " region-failover-quota-route53-<account> task queues (env"
              + " FAILOVER_QUOTA_ROUTE53, default ${DEFAULT-VALUE}: 80% of AWS's published 5).")
  String quotaRoute53;

  @Option(
      names = "--quota-rds",
      paramLabel = "PER_SECOND",
      defaultValue = "4",
      description =
          "RDS global-cluster switchovers and failovers per second per AWS account, for all"
              + " workers together (env FAILOVER_QUOTA_RDS, default ${DEFAULT-VALUE}: a third of"
              + " AWS's published 12 per region, which the failovers' reads share).")
  String quotaRds;

  @Option(
      names = "--quota-globalaccelerator",
      paramLabel = "PER_SECOND",
      defaultValue = "4",
      description =
          "Global Accelerator endpoint-group updates per second per AWS account, for all workers"
              + " together (env FAILOVER_QUOTA_GLOBALACCELERATOR, default ${DEFAULT-VALUE}: 80% of"
              + " an assumed 5, as AWS publishes none).")
  String quotaGlobalAccelerator;

  /**
   * The worker's own environment variables, read from the given environment instead of the JVM's.
   */
  record EnvironmentDefaults(Map<String, String> environment) implements IDefaultValueProvider {

    private static final Map<String, String> VARIABLES =
        Map.of(
            "--estates", "FAILOVER_ESTATES_DIR",
            "--sticky-timeout", "TEMPORAL_STICKY_TIMEOUT",
            "--http-port", "FAILOVER_HTTP_PORT",
            "--shutdown-grace", "FAILOVER_SHUTDOWN_GRACE",
            "--quota-route53", "FAILOVER_QUOTA_ROUTE53",
            "--quota-rds", "FAILOVER_QUOTA_RDS",
            "--quota-globalaccelerator", "FAILOVER_QUOTA_GLOBALACCELERATOR");

    @Override
    public String defaultValue(ArgSpec argument) {
      if (argument instanceof OptionSpec option && VARIABLES.containsKey(option.longestName())) {
        String value = environment.get(VARIABLES.get(option.longestName()));
        return value == null || value.isBlank() ? null : value;
      }
      return null;
    }
  }
}
