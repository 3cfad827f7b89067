package dev.regionfailover.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WorkerConfigTest {

  private static final String ESTATES = Path.of("..", "deploy", "estates").toString();

  @Test
  void defaultsApplyWhenNothingIsSet() {
    WorkerConfig config = WorkerConfig.from(new String[] {"--estates", ESTATES}, Map.of());

    assertThat(config.temporalAddress()).isEqualTo("127.0.0.1:7233");
    assertThat(config.namespace()).isEqualTo("default");
    assertThat(config.stickyScheduleToStartTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void environmentIsReadAndFlagsWinOverIt() {
    WorkerConfig config =
        WorkerConfig.from(
            new String[] {"--namespace=prod"},
            Map.of(
                "TEMPORAL_ADDRESS", "temporal.internal:7233",
                "TEMPORAL_NAMESPACE", "staging",
                "FAILOVER_ESTATES_DIR", ESTATES,
                "TEMPORAL_STICKY_TIMEOUT", "PT0S"));

    assertThat(config.temporalAddress()).isEqualTo("temporal.internal:7233");
    assertThat(config.namespace()).isEqualTo("prod");
    assertThat(config.estatesDirectory()).isEqualTo(Path.of(ESTATES));
    assertThat(config.stickyScheduleToStartTimeout()).isZero();
  }

  @Test
  void everyProblemIsReportedWithTheValue() {
    assertThatThrownBy(
            () ->
                WorkerConfig.from(
                    new String[] {
                      "--temporal-address",
                      "nohost",
                      "--estates",
                      "/no/such/dir",
                      "--sticky-timeout",
                      "5s",
                      "--verbose",
                      "--namespace"
                    },
                    Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--temporal-address nohost must be HOST:PORT")
        .hasMessageContaining("--estates /no/such/dir is not a directory")
        .hasMessageContaining("--sticky-timeout 5s is not an ISO-8601 duration")
        .hasMessageContaining("unknown option --verbose")
        .hasMessageContaining("--namespace needs a value")
        .hasMessageContaining("Usage: WorkerMain");
  }
}
