package dev.regionfailover.starter.evacuation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regionfailover.starter.Run;
import dev.regionfailover.starter.cli.TemporalConnection;
import dev.regionfailover.workflows.evacuation.RegionEvacuationWorkflow;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The evacuate commands end to end through picocli against a Temporal test service. */
class EvacuationCommandsTest {

  private TestWorkflowEnvironment environment;

  @BeforeEach
  void startTemporal() {
    environment = TestWorkflowEnvironment.newInstance();
    environment
        .newWorker(RegionFailoverWorkflow.TASK_QUEUE)
        .registerWorkflowImplementationTypes(FakeEvacuationWorkflow.class);
    environment.start();
  }

  @AfterEach
  void stopTemporal() {
    environment.close();
  }

  @Test
  void startSendsEveryFlagAndASecondStartIsRefused() throws Exception {
    Run first =
        run(
            "evacuate",
            "us-east-1",
            "--mode",
            "unplanned",
            "--reason",
            "region down",
            "--by",
            "alice",
            "--apps",
            "orders,payments",
            "--target",
            "orders=us-east-2",
            "--approval",
            "once",
            "--max-concurrent",
            "5");

    assertThat(first.exitCode()).as(first.err()).isZero();
    assertThat(first.out())
        .startsWith(
            "Started a UNPLANNED evacuation of us-east-1.\n  workflow  evacuate-us-east-1\n")
        .contains("./failover evacuate approve us-east-1 --by NAME");
    WorkflowStub stub =
        environment.getWorkflowClient().newUntypedWorkflowStub("evacuate-us-east-1");
    assertThat(stub.describe().getWorkflowType()).isEqualTo(RegionEvacuationWorkflow.TYPE);
    JsonNode status =
        new ObjectMapper().readTree(run("evacuate", "status", "us-east-1", "--json").out());
    assertThat(status.get("mode").asText()).isEqualTo("UNPLANNED");
    assertThat(status.get("approval").asText()).isEqualTo("ONCE");
    assertThat(status.get("requestedBy").asText()).isEqualTo("alice");
    assertThat(status.get("reason").asText()).isEqualTo("region down");
    assertThat(status.get("maxConcurrent").asInt()).isEqualTo(5);
    assertThat(status.get("apps").get(0).get("target").asText()).isEqualTo("us-east-2");
    assertThat(status.get("apps").get(0).get("detail").asText()).isEqualTo("orders,payments");

    Run second = run("evacuate", "us-east-1", "--mode", "PLANNED", "--by", "bob");

    assertThat(second.exitCode()).isEqualTo(1);
    assertThat(second.err())
        .contains("an evacuation of us-east-1 is already running")
        .contains("see ./failover evacuate status us-east-1");
  }

  @Test
  void statusShowsCountsSlowestAndOneLinePerApp() {
    run("evacuate", "us-east-1", "--mode", "PLANNED", "--by", "alice");

    Run status = run("evacuate", "status", "us-east-1");

    assertThat(status.exitCode()).as(status.err()).isZero();
    assertThat(status.out())
        .startsWith("**Evacuation evacuate-us-east-1**: RUNNING, PLANNED, approval PER_APP")
        .contains("Counts: ASSESS 1")
        .contains("Slowest: orders (running for 5.0 s, ASSESS)")
        .contains("Estimated time left: unknown until an app has finished")
        .contains("| orders | 5 | us-west-2 | RUNNING | ASSESS |");
  }

  @Test
  void holdResumeApproveAndAbortReportWhatTheEvacuationRecorded() {
    run("evacuate", "us-east-1", "--mode", "UNPLANNED", "--by", "alice", "--approval", "once");

    Run hold = run("evacuate", "hold", "us-east-1", "--by", "carol", "--reason", "db team");
    Run again = run("evacuate", "hold", "us-east-1", "--by", "carol", "--reason", "db team");
    Run resume = run("evacuate", "resume", "us-east-1", "--by", "carol");
    Run own = run("evacuate", "approve", "us-east-1", "--by", "alice");
    Run approve = run("evacuate", "approve", "us-east-1", "--by", "bob", "--comment", "go");
    Run abort = run("evacuate", "abort", "us-east-1", "--by", "dave", "--reason", "recovered");

    assertThat(hold.exitCode()).as(hold.err()).isZero();
    assertThat(hold.out())
        .isEqualTo(
            "The evacuation of us-east-1 took hold: it starts no new failover until ./failover"
                + " evacuate resume us-east-1 --by NAME\n");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.out()).isEqualTo("The evacuation of us-east-1 refused hold: already held\n");
    assertThat(resume.exitCode()).as(resume.err()).isZero();
    assertThat(own.exitCode()).isEqualTo(1);
    assertThat(own.out())
        .contains(
            "refused approvePromotion: alice requested this evacuation and cannot approve it");
    assertThat(approve.exitCode()).as(approve.err()).isZero();
    assertThat(approve.out()).startsWith("The evacuation of us-east-1 took approvePromotion");
    assertThat(abort.exitCode()).as(abort.err()).isZero();
    assertThat(abort.out()).startsWith("The evacuation of us-east-1 took abort");
  }

  @Test
  void commandsOnARegionWithoutAnEvacuationSayHowToStartOne() {
    Run status = run("evacuate", "status", "us-west-2");
    Run hold = run("evacuate", "hold", "us-west-2", "--by", "carol", "--reason", "x");

    assertThat(status.exitCode()).isEqualTo(1);
    assertThat(status.err())
        .contains(
            "no evacuation of us-west-2 was found (workflow evacuate-us-west-2); start one with"
                + " ./failover evacuate us-west-2 --mode MODE --by NAME");
    assertThat(hold.exitCode()).isEqualTo(1);
    assertThat(hold.err()).contains("cannot send hold: no evacuation of us-west-2 is running");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "us-east-9 --mode PLANNED --by alice | REGION: us-east-9 is not an AWS region",
        "us-east-1 --mode SOMETIMES --by alice | --mode: SOMETIMES is not one of [PLANNED,"
            + " UNPLANNED, DRILL]",
        "us-east-1 --mode PLANNED | Missing required option: '--by=NAME'",
        "us-east-1 --by alice | Missing required option: '--mode=MODE'",
        "us-east-1 --mode PLANNED --by alice --approval twice | --approval: twice is not once or"
            + " per-app",
        "us-east-1 --mode PLANNED --by alice --max-concurrent 0 | --max-concurrent: 0 is not"
            + " between 1 and 100",
        "us-east-1 --mode PLANNED --by alice --target orders=mars | --target orders: mars is not"
            + " an AWS region",
        "us-east-1 --mode PLANNED --by alice --apps Orders | APP Orders is not an app name",
      })
  void badFlagsAreUsageErrorsThatNeverReachTemporal(String line, String error) {
    String[] args = ("evacuate " + line.strip()).split(" ");

    Run run = Run.of(Run.NO_TEMPORAL, args);

    assertThat(run.exitCode()).as(run.out()).isEqualTo(2);
    assertThat(run.err()).contains(error.strip());
  }

  private Run run(String... args) {
    return Run.of(
        (address, namespace) -> new TemporalConnection(environment.getWorkflowClient(), () -> {}),
        args);
  }
}
