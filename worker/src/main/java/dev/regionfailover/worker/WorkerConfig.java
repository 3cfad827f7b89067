package dev.regionfailover.worker;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The worker's whole configuration, read once from flags and environment and validated before
 * anything connects. A flag wins over its environment variable.
 *
 * @param temporalAddress host:port of the Temporal frontend
 * @param namespace the Temporal namespace
 * @param estatesDirectory the directory of estate YAML files
 * @param stickyScheduleToStartTimeout how long a workflow task waits on this worker's sticky queue
 *     before going to the shared one; zero for the Java test server, which ignores the timeout and
 *     would otherwise strand workflows of a worker that died
 */
public record WorkerConfig(
    String temporalAddress,
    String namespace,
    Path estatesDirectory,
    Duration stickyScheduleToStartTimeout) {

  static final String USAGE =
      """
      Usage: WorkerMain [--temporal-address HOST:PORT] [--namespace NAME] [--estates DIR] [--sticky-timeout DURATION]
        --temporal-address  env TEMPORAL_ADDRESS         default 127.0.0.1:7233
        --namespace         env TEMPORAL_NAMESPACE       default default
        --estates           env FAILOVER_ESTATES_DIR     default deploy/estates
        --sticky-timeout    env TEMPORAL_STICKY_TIMEOUT  default PT5S (ISO-8601; PT0S against the Java test server)
      AWS access uses the SDK's standard configuration: the default credentials chain, AWS_REGION,
      AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE>.""";

  private static final Map<String, String> FLAGS =
      Map.of(
          "--temporal-address", "TEMPORAL_ADDRESS",
          "--namespace", "TEMPORAL_NAMESPACE",
          "--estates", "FAILOVER_ESTATES_DIR",
          "--sticky-timeout", "TEMPORAL_STICKY_TIMEOUT");

  /** Reads the configuration, or fails listing every problem. */
  public static WorkerConfig from(String[] args, Map<String, String> environment) {
    Map<String, String> values = new HashMap<>();
    FLAGS.forEach(
        (flag, variable) -> {
          if (environment.get(variable) != null && !environment.get(variable).isBlank()) {
            values.put(flag, environment.get(variable));
          }
        });
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (!FLAGS.containsKey(flag)) {
        problems.add("unknown option " + arg);
      } else if (arg.contains("=")) {
        values.put(flag, arg.substring(arg.indexOf('=') + 1));
      } else if (i + 1 < args.length) {
        values.put(flag, args[++i]);
      } else {
        problems.add(flag + " needs a value");
      }
    }
    String address = values.getOrDefault("--temporal-address", "127.0.0.1:7233");
    if (!address.matches("[^:\\s]+:\\d{1,5}")) {
      problems.add("--temporal-address " + address + " must be HOST:PORT");
    }
    String namespace = values.getOrDefault("--namespace", "default");
    Path estates = Path.of(values.getOrDefault("--estates", "deploy/estates"));
    if (!Files.isDirectory(estates)) {
      problems.add("--estates " + estates.toAbsolutePath() + " is not a directory");
    }
    Duration sticky = Duration.ofSeconds(5);
    String stickyText = values.get("--sticky-timeout");
    if (stickyText != null) {
      try {
        sticky = Duration.parse(stickyText);
        if (sticky.isNegative()) {
          problems.add("--sticky-timeout " + stickyText + " must not be negative");
        }
      } catch (DateTimeParseException e) {
        problems.add(
            "--sticky-timeout " + stickyText + " is not an ISO-8601 duration such as PT5S or PT0S");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems) + "\n" + USAGE);
    }
    return new WorkerConfig(address, namespace, estates, sticky);
  }
}
