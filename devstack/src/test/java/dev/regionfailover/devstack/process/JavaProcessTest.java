package dev.regionfailover.devstack.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JavaProcessTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir Path logs;

  @Test
  void killEndsTheProcessWithSigkillSoItsShutdownHookNeverRuns() throws Exception {
    JavaProcess process = sleeping("kill");
    process.start();
    process.awaitLine(Pattern.compile("ready on stderr"), TIMEOUT);
    long pid = process.pid();

    process.kill();

    assertThat(process.isAlive()).isFalse();
    assertThat(ProcessHandle.of(pid)).isEmpty();
    assertThat(process.exitCode()).contains(128 + 9);
    assertThat(Files.readString(process.logFile())).doesNotContain("shutdown hook ran");
  }

  @Test
  void closeStopsTheProcessGracefullyAndTheLogHoldsArgsEnvAndStderr() throws Exception {
    JavaProcess process = sleeping("close");
    process.start();
    assertThat(process.awaitLine(Pattern.compile("^args="), TIMEOUT)).isEqualTo("args=a,b c");
    process.awaitLine(Pattern.compile("ready on stderr"), TIMEOUT);

    process.close();

    assertThat(process.isAlive()).isFalse();
    assertThat(process.exitCode()).contains(128 + 15);
    assertThat(Files.readString(process.logFile()))
        .contains("args=a,b c", "env=from-test", "ready on stderr", "shutdown hook ran");
  }

  @Test
  void awaitLineFailsWithTheTailWhenTheProcessEndsOrTimesOut() {
    JavaProcess failing =
        JavaProcess.builder("dev.regionfailover.devstack.process.NoSuchMain")
            .logFile(logs.resolve("missing.log"))
            .build();
    failing.start();
    assertThatThrownBy(() -> failing.awaitLine(Pattern.compile("never"), TIMEOUT))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("ended (exit code 1)")
        .hasMessageContaining("NoSuchMain");

    JavaProcess sleeping = sleeping("timeout");
    sleeping.start();
    try {
      assertThatThrownBy(
              () -> sleeping.awaitLine(Pattern.compile("never printed"), Duration.ofSeconds(3)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("within PT3S")
          .hasMessageContaining("args=a,b c");
    } finally {
      sleeping.kill();
    }
  }

  private JavaProcess sleeping(String name) {
    return JavaProcess.builder(SleepingMain.class.getName())
        .jvmArgs("-Xmx32m", "-XX:TieredStopAtLevel=1")
        .args("a", "b c")
        .env("SLEEPING_MAIN_VALUE", "from-test")
        .logFile(logs.resolve(name + ".log"))
        .build();
  }
}
