package dev.regionfailover.worker.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The files of deploy/monitoring: promtool checks the alerting rules and runs their unit tests, and
 * every metric that the rules and the Grafana dashboard read is one the worker serves.
 */
class MonitoringRulesTest {

  private static final Path MONITORING =
      Path.of("..", "deploy", "monitoring").toAbsolutePath().normalize();

  /**
   * The worker's metric names as a real scrape of /metrics has them after a failover (see
   * MetricsEndToEndTest), with {@code up}, which Prometheus adds per target.
   */
  private static final Set<String> SERVED =
      Set.of(
          "up",
          "region_failover_failovers_total",
          "region_failover_phase_seconds_bucket",
          "region_failover_phase_seconds_count",
          "region_failover_phase_seconds_sum",
          "region_failover_waiting_seconds_bucket",
          "region_failover_waiting_seconds_count",
          "region_failover_waiting_seconds_sum",
          "region_failover_awaiting_approval",
          "region_failover_steps_retried_total",
          "region_failover_aws_calls_total",
          "region_failover_aws_retries_total",
          "region_failover_aws_throttles_total",
          "temporal_num_pollers",
          "temporal_workflow_task_execution_failed_total",
          "temporal_workflow_completed_total",
          "temporal_workflow_failed_total",
          "temporal_activity_execution_failed_total",
          "temporal_activity_execution_latency_seconds_bucket",
          "temporal_long_request_failure_total",
          "temporal_request_failure_total",
          "temporal_worker_task_slots_available");

  private static final Pattern METRIC =
      Pattern.compile("\\b((?:region_failover|temporal)_[a-z_]+|up)\\b(?=\\s*[{\\[)]|\\s*$)");

  @Test
  void promtoolChecksTheRulesAndPassesTheirUnitTests() throws Exception {
    Path promtool = Promtool.requireForTest();

    String check = run(promtool, "check", "rules", "region-failover-rules.yaml");
    String test = run(promtool, "test", "rules", "region-failover-rules.test.yaml");

    assertThat(check).contains("SUCCESS: 6 rules found");
    assertThat(test).contains("SUCCESS");
  }

  @Test
  void theRulesReadOnlyMetricsTheWorkerServes() throws IOException {
    List<String> expressions = new ArrayList<>();
    Matcher expr =
        Pattern.compile("(?ms)^\\s+expr: (?:>-\\n)?(.*?)\\n\\s+(?:for|labels):")
            .matcher(Files.readString(MONITORING.resolve("region-failover-rules.yaml")));
    while (expr.find()) {
      expressions.add(expr.group(1));
    }

    assertThat(expressions).hasSize(6);
    assertThat(metricsIn(expressions)).isSubsetOf(SERVED);
  }

  @Test
  void theDashboardIsValidJsonAndReadsOnlyMetricsTheWorkerServes() throws IOException {
    JsonNode dashboard =
        new ObjectMapper().readTree(MONITORING.resolve("grafana-dashboard.json").toFile());
    List<String> expressions = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(panel.path("title").asText()).as("a panel's title").isNotBlank();
      for (JsonNode target : panel.path("targets")) {
        expressions.add(target.path("expr").asText());
      }
    }

    assertThat(dashboard.path("title").asText()).isEqualTo("Region failover");
    assertThat(expressions).hasSizeGreaterThanOrEqualTo(8).doesNotContain("");
    assertThat(metricsIn(expressions))
        .isSubsetOf(SERVED)
        .contains(
            "region_failover_failovers_total",
            "region_failover_phase_seconds_bucket",
            "region_failover_awaiting_approval",
            "region_failover_aws_calls_total",
            "temporal_num_pollers");
  }

  private static Set<String> metricsIn(List<String> expressions) {
    Set<String> names = new TreeSet<>();
    for (String expression : expressions) {
      Matcher matcher = METRIC.matcher(expression);
      while (matcher.find()) {
        names.add(matcher.group(1));
      }
    }
    return names;
  }

  private static String run(Path promtool, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(promtool.toString()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(MONITORING.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool ended").isTrue();
    assertThat(process.exitValue()).as("promtool %s:%n%s", String.join(" ", args), output).isZero();
    return output;
  }
}
