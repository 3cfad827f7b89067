package dev.regionfailover.starter.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.devstack.temporal.TemporalDevServer;
import dev.regionfailover.devstack.temporal.TemporalForTesting;
import dev.regionfailover.starter.Run;
import dev.regionfailover.starter.cli.GrpcTemporalConnector;
import dev.regionfailover.workflows.readiness.ReadinessRequest;
import dev.regionfailover.workflows.rehearsal.RehearsalRequest;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleDescription;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the {@code temporal schedule create} commands that the documentation gives (the readiness
 * and rehearsal pages under docs/, which hold what the README's sections on them held), word for
 * word (only {@code --address} points at the test's server), with the real Temporal CLI against the
 * real dev server, and checks that each made the schedule the documentation says it makes.
 */
class ReadmeScheduleCommandsTest {

  /** The pages with schedule commands, in the order their commands are expected. */
  private static final List<Path> DOCS =
      List.of(Path.of("..", "docs", "readiness.md"), Path.of("..", "docs", "rehearsal.md"));

  private Path temporal;
  private TemporalDevServer server;
  private WorkflowServiceStubs service;
  private ScheduleClient schedules;

  @BeforeEach
  void startServer() {
    temporal = TemporalForTesting.cli();
    server = TemporalForTesting.devServer();
    service =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(server.target()).build());
    schedules = ScheduleClient.newInstance(service);
  }

  @AfterEach
  void stopServer() {
    service.shutdownNow();
    server.close();
  }

  @Test
  void theReadmeGivesTwoScheduleCommands() throws IOException {
    assertThat(readmeCommands())
        .extracting(command -> option(command, "--schedule-id"))
        .containsExactly("readiness-orders", "rehearsal-orders");
  }

  @Test
  void theRehearsalScheduleCommandMakesWhatFailoverScheduleCreateMakes() throws Exception {
    List<String> command = readmeCommand("rehearsal-orders");
    RehearsalRequest request =
        new RehearsalRequest("orders", "us-west-2", "PT10M", null, null, false, null, "carol");
    RehearsalSchedule equivalent =
        new RehearsalSchedule(
            "rehearsal-orders",
            request,
            List.of("0 3 * * 2"),
            List.of(),
            Duration.ofMinutes(10),
            false,
            "owned by sre-payments");
    assertThat(withoutAddress(command))
        .as("the documented command is the one RehearsalSchedule gives as equivalent")
        .isEqualTo(equivalent.temporalCommand());

    runAgainstTheServer(command);
    ScheduleDescription fromReadme = schedules.getHandle("rehearsal-orders").describe();
    String describedFromReadme = cli("schedule", "describe", "orders").out();
    assertThat(cli("schedule", "delete", "orders").exitCode()).isZero();

    // The first ./failover command of the rehearsal page's schedules section, with the requester
    // its input names.
    Run created =
        cli(
            "schedule",
            "create",
            "orders",
            "--target",
            "us-west-2",
            "--hold",
            "PT10M",
            "--cron",
            "0 3 * * 2",
            "--note",
            "owned by sre-payments",
            "--requested-by",
            "carol");
    assertThat(created.exitCode()).as(created.err()).isZero();
    ScheduleDescription fromCli = schedules.getHandle("rehearsal-orders").describe();

    assertThat(describedFromReadme)
        .contains("SwitchoverRehearsal on region-failover as rehearsal-orders-<time>")
        .isEqualTo(cli("schedule", "describe", "orders").out());
    ScheduleActionStartWorkflow readmeAction =
        (ScheduleActionStartWorkflow) fromReadme.getSchedule().getAction();
    ScheduleActionStartWorkflow cliAction =
        (ScheduleActionStartWorkflow) fromCli.getSchedule().getAction();
    assertThat(readmeAction.getArguments().get(0, RehearsalRequest.class))
        .isEqualTo(cliAction.getArguments().get(0, RehearsalRequest.class))
        .isEqualTo(request);
    assertThat(readmeAction.getOptions().getStaticSummary())
        .isEqualTo(cliAction.getOptions().getStaticSummary())
        .isEqualTo(equivalent.summary().summary());
    assertThat(fromReadme.getSchedule().getSpec().getCalendars())
        .isEqualTo(fromCli.getSchedule().getSpec().getCalendars());
    assertThat(fromReadme.getSchedule().getPolicy().getOverlap())
        .isEqualTo(fromCli.getSchedule().getPolicy().getOverlap());
    assertThat(fromReadme.getSchedule().getPolicy().getCatchupWindow())
        .isEqualTo(fromCli.getSchedule().getPolicy().getCatchupWindow());
  }

  @Test
  void theReadinessScheduleCommandStartsReadinessChecksHourly() throws Exception {
    runAgainstTheServer(readmeCommand("readiness-orders"));

    ScheduleDescription description = schedules.getHandle("readiness-orders").describe();
    ScheduleActionStartWorkflow action =
        (ScheduleActionStartWorkflow) description.getSchedule().getAction();
    assertThat(action.getWorkflowType()).isEqualTo("ReadinessCheck");
    assertThat(action.getOptions().getTaskQueue()).isEqualTo("region-failover");
    assertThat(action.getOptions().getWorkflowId()).isEqualTo("readiness-orders");
    assertThat(action.getArguments().get(0, ReadinessRequest.class))
        .isEqualTo(new ReadinessRequest("orders", null));
    assertThat(description.getSchedule().getSpec().getIntervals())
        .extracting(ScheduleIntervalSpec::getEvery)
        .containsExactly(Duration.ofHours(1));
  }

  private Run cli(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--temporal-address", server.target()));
    return Run.of(new GrpcTemporalConnector(), all.toArray(String[]::new));
  }

  /** Runs a documented command with the Temporal CLI, its {@code --address} set to the server's. */
  private void runAgainstTheServer(List<String> command) throws Exception {
    List<String> run = new ArrayList<>(withoutAddress(command));
    run.set(0, temporal.toString());
    run.addAll(List.of("--address", server.target()));
    Process process = new ProcessBuilder(run).redirectErrorStream(true).start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s finished", run).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as("%s: %s", run, output).isZero();
  }

  private static List<String> readmeCommand(String scheduleId) throws IOException {
    return readmeCommands().stream()
        .filter(command -> scheduleId.equals(option(command, "--schedule-id")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("the docs have no schedule " + scheduleId));
  }

  /** The command without an {@code --address HOST:PORT}, if it has one. */
  private static List<String> withoutAddress(List<String> command) {
    List<String> words = new ArrayList<>(command);
    int at = words.indexOf("--address");
    if (at >= 0) {
      words.subList(at, at + 2).clear();
    }
    return words;
  }

  private static String option(List<String> command, String name) {
    int at = command.indexOf(name);
    return at < 0 ? null : command.get(at + 1);
  }

  /**
   * Every {@code temporal schedule create} command in the code blocks of {@link #DOCS}, as the
   * words the shell would pass: lines continued with a backslash, quotes removed.
   */
  static List<List<String>> readmeCommands() throws IOException {
    List<List<String>> commands = new ArrayList<>();
    boolean inCode = false;
    StringBuilder command = null;
    List<String> lines = new ArrayList<>();
    for (Path doc : DOCS) {
      lines.addAll(Files.readAllLines(doc));
    }
    for (String line : lines) {
      if (line.startsWith("```")) {
        inCode = !inCode;
        continue;
      }
      if (!inCode) {
        continue;
      }
      if (command == null && line.startsWith("temporal schedule create")) {
        command = new StringBuilder();
      }
      if (command != null) {
        boolean continued = line.endsWith("\\");
        command.append(continued ? line.substring(0, line.length() - 1) : line).append(' ');
        if (!continued) {
          commands.add(ShellWords.split(command.toString()));
          command = null;
        }
      }
    }
    return commands;
  }
}
