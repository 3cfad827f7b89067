package dev.regionfailover.workflows.detection;

import dev.regionfailover.workflows.account.AppAccount;
import dev.regionfailover.workflows.aurora.AuroraActivities;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.aws.AwsActivityOptions;
import dev.regionfailover.workflows.estate.EstateActivities;
import dev.regionfailover.workflows.estate.LoadEstateRequest;
import dev.regionfailover.workflows.visibility.SearchAttributeUpserts;
import io.temporal.activity.ActivityOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * The health monitor of one app. Each round samples every region with one activity per region, in
 * parallel, updates the verdicts ({@link HealthVerdicts}), and, unless paused, starts an UNPLANNED
 * failover when the writer region is impaired ({@link FailoverTrigger}). Between rounds it sleeps
 * on a timer, holding no worker thread. Every {@link #SAMPLES_PER_RUN} rounds it continues as new,
 * carrying its state, so its history stays small however long it runs.
 *
 * <p>Each part of a round is a class of its own around one {@link MonitorRun}, the way the failover
 * is split. A worker crash between deciding and starting a failover replays the same decision from
 * history, so the start happens exactly once.
 */
public class RegionHealthMonitorWorkflowImpl implements RegionHealthMonitorWorkflow {

  private static final Logger log = Workflow.getLogger(RegionHealthMonitorWorkflowImpl.class);

  /** Rounds per run before continuing as new: a round adds about eighteen history events. */
  static final int SAMPLES_PER_RUN = 40;

  private static final ActivityOptions SAMPLING =
      AwsActivityOptions.fewAttempts(Duration.ofMinutes(2), 3);

  private static final ActivityOptions SHORT =
      AwsActivityOptions.fewAttempts(Duration.ofMinutes(1), 5);

  /** Reads that may go to an impaired region: a small budget, then the next region is asked. */
  private static final ActivityOptions PROBE =
      AwsActivityOptions.fewAttempts(Duration.ofSeconds(45), 2);

  private final EstateActivities estates = Workflow.newActivityStub(EstateActivities.class, SHORT);

  private final MonitorRun run = new MonitorRun();
  private final RegionSampling sampling =
      new RegionSampling(run, Workflow.newActivityStub(DetectionActivities.class, SAMPLING));
  private final FailoverTrigger trigger =
      new FailoverTrigger(
          run,
          Workflow.newActivityStub(AuthorityActivities.class, PROBE),
          Workflow.newActivityStub(AuroraActivities.class, PROBE));
  private final OperatorPause pause = new OperatorPause(run);

  @Override
  public void run(MonitorRequest request) {
    run.app = request == null ? null : request.app();
    String app = run.app;
    if (app == null || app.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the input names no app; start the monitor with {\"app\":\"<app>\"}", "InvalidRequest");
    }
    // Every run indexes its app: a continued run starts a history of its own.
    SearchAttributeUpserts.app(app);
    if (request.carried() != null) {
      run.restore(request.carried());
    }
    run.estate = estates.load(new LoadEstateRequest(app));
    AppAccount.use(run.estate.aws());
    run.detection = run.estate.detection();
    if (run.detection == null) {
      throw ApplicationFailure.newNonRetryableFailure(
          ("the estate of %s has no detection section, so there is nothing to monitor; add"
                  + " detection: {alarms, healthChecks, replicatedTables, interval,"
                  + " consecutiveSamples}")
              .formatted(app),
          "NotMonitored");
    }
    sampling.alignRegions();
    int rounds = 0;
    while (true) {
      sampling.sample();
      if (!run.paused) {
        trigger.consider();
      }
      run.publish();
      rounds++;
      Workflow.sleep(run.detection.interval());
      if (rounds >= SAMPLES_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested()) {
        log.info("Monitor of {} continues as new after {} samples", app, run.samples);
        Workflow.continueAsNew(new MonitorRequest(app, run.carried()));
      }
    }
  }

  @Override
  public void pause(OperatorSignal signal) {
    pause.pause(signal);
  }

  @Override
  public void resume(OperatorSignal signal) {
    pause.resume(signal);
  }

  @Override
  public MonitorStatus status() {
    return run.status();
  }
}
