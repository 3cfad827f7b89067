package dev.regionfailover.starter.failover;

import dev.regionfailover.starter.Arguments;
import dev.regionfailover.starter.FailoverCli;
import dev.regionfailover.starter.TemporalConnection;
import dev.regionfailover.starter.TemporalOptions;
import dev.regionfailover.workflows.failover.DenialSignal;
import dev.regionfailover.workflows.failover.SignalRecord;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code deny APP}: sends {@code denyPromotion} to the app's running failover. */
@Command(
    name = "deny",
    mixinStandardHelpOptions = true,
    description = "Refuses the promotion a failover of APP waits for; the failover rolls back.")
public final class DenyCommand implements Callable<Integer> {

  @ParentCommand private FailoverCli cli;
  @Spec private CommandSpec spec;
  @Mixin private TemporalOptions temporal;

  @Parameters(index = "0", paramLabel = "APP", description = "The app, as named in its estate.")
  private String app;

  @Option(
      names = "--as",
      required = true,
      paramLabel = "NAME",
      description = "Who refuses; one of the estate's approvers.")
  private String approver;

  @Option(
      names = "--reason",
      required = true,
      paramLabel = "TEXT",
      description = "Why, for the record.")
  private String reason;

  @Override
  public Integer call() {
    Arguments.app(spec, app);
    DenialSignal signal =
        new DenialSignal(
            Arguments.nonBlank(spec, "--as", approver),
            Arguments.nonBlank(spec, "--reason", reason));
    Optional<SignalRecord> record;
    try (TemporalConnection connection = temporal.connect(cli.connector())) {
      record = new FailoverClient(connection.client()).deny(app, signal);
    }
    return SignalReport.print(spec.commandLine().getOut(), app, "denyPromotion", record);
  }
}
