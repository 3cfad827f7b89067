package dev.regionfailover.workflows.evacuation;

import static dev.regionfailover.workflows.evacuation.TestCandidates.EAST;
import static dev.regionfailover.workflows.evacuation.TestCandidates.OHIO;
import static dev.regionfailover.workflows.evacuation.TestCandidates.WEST;
import static dev.regionfailover.workflows.evacuation.TestCandidates.app;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.regionfailover.workflows.evacuation.FakeFailover.Script;
import dev.regionfailover.workflows.failover.AbortSignal;
import dev.regionfailover.workflows.failover.ApprovalSignal;
import dev.regionfailover.workflows.failover.FailoverMode;
import dev.regionfailover.workflows.failover.FailoverRequest;
import dev.regionfailover.workflows.failover.RegionFailoverWorkflow;
import dev.regionfailover.workflows.input.WorkflowRegistration;
import dev.regionfailover.workflows.visibility.SearchAttributes;
import dev.regionfailover.workflows.visibility.TestSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The evacuation's order, concurrency, holds and approvals, with scripted RegionFailover children
 * on the real task queue, mocked candidates and skipped time.
 */
class RegionEvacuationWorkflowTest {

  private static final String ID = EvacuationRequest.workflowId(EAST);

  private final List<String> events = new ArrayList<>();
  private final EvacuationActivities candidates = mock(EvacuationActivities.class);
  private TestWorkflowEnvironment env;
  private ClientWatch watch;

  @AfterEach
  void tearDown() {
    env.close();
  }

  @Test
  void dependenciesCompleteBeforeTheirDependentsStart() {
    start(
        Map.of("payments", Script.lasting(40), "audit", Script.lasting(20)),
        app("orders", EAST, 1, "payments"),
        app("payments", EAST, 5),
        app("audit", EAST, 2));

    EvacuationReport report = run(request(null, null, null)).run(request(null, null, null));

    assertThat(report.outcome()).isEqualTo(EvacuationState.COMPLETED);
    // The first two start together, in either order.
    assertThat(events.subList(0, 2))
        .containsExactlyInAnyOrder("start audit -> us-west-2 @0", "start payments -> us-west-2 @0");
    assertThat(events.subList(2, events.size()))
        .containsExactly(
            "end audit @20", "end payments @40", "start orders -> us-west-2 @40", "end orders @60");
    assertThat(report.apps())
        .extracting(AppLine::app, AppLine::state, l -> l.durationMillis() / 1000)
        .containsExactly(
            tuple("audit", AppState.COMPLETED, 20L),
            tuple("payments", AppState.COMPLETED, 40L),
            tuple("orders", AppState.COMPLETED, 20L));
  }

  @Test
  void aBoundOfOneRunsTheAppsOneByOneLowerTierFirst() {
    start(
        Map.of(),
        app("search", EAST, 5),
        app("web", EAST, 1),
        app("billing", EAST, 5),
        app("audit", EAST, 3));

    run(request(null, null, 1)).run(request(null, null, 1));

    assertThat(events)
        .containsExactly(
            "start web -> us-west-2 @0",
            "end web @20",
            "start audit -> us-west-2 @20",
            "end audit @40",
            "start billing -> us-west-2 @40",
            "end billing @60",
            "start search -> us-west-2 @60",
            "end search @80");
  }

  @Test
  void neverRunsMoreThanTheBoundAtOnce() {
    start(
        Map.of(),
        app("a", EAST, 5),
        app("b", EAST, 5),
        app("c", EAST, 5),
        app("d", EAST, 5),
        app("e", EAST, 5));

    EvacuationReport report = run(request(null, null, 2)).run(request(null, null, 2));

    // Two slots, 20 s each: starts at 0, 0, 20, 20 and 40 s after the first.
    long first = Instant.parse(report.apps().get(0).startedAt()).toEpochMilli();
    assertThat(report.apps())
        .extracting(AppLine::app, l -> (Instant.parse(l.startedAt()).toEpochMilli() - first) / 1000)
        .containsExactly(
            tuple("a", 0L), tuple("b", 0L), tuple("c", 20L), tuple("d", 20L), tuple("e", 40L));
  }

  @Test
  void aFailedAppHoldsItsDependentsAndNothingElse() {
    start(
        Map.of("payments", Script.failing("Aurora secondary has no instances")),
        app("payments", EAST, 5),
        app("orders", EAST, 5, "payments"),
        app("web", EAST, 5, "orders"),
        app("search", EAST, 5));

    EvacuationReport report = run(request(null, null, null)).run(request(null, null, null));

    assertThat(report.outcome()).isEqualTo(EvacuationState.PARTIAL);
    assertThat(report.apps())
        .extracting(AppLine::app, AppLine::state, AppLine::detail)
        .containsExactly(
            tuple("payments", AppState.FAILED, "Aurora secondary has no instances"),
            tuple("orders", AppState.HELD, "dependency payments ended FAILED"),
            tuple("search", AppState.COMPLETED, "us-west-2 writes"),
            tuple("web", AppState.HELD, "dependency orders ended HELD"));
    assertThat(events)
        .containsExactlyInAnyOrder(
            "start payments -> us-west-2 @0",
            "start search -> us-west-2 @0",
            "fail payments @5",
            "end search @20");
    assertThat(report.summary()).contains("ended PARTIAL").contains("2 HELD");
  }

  @Test
  void holdStopsNewStartsResumeGoesOnAndAbortStopsTheRest() {
    start(
        Map.of(
            "a", Script.lasting(60),
            "b", Script.lasting(60),
            "c", Script.lasting(60)),
        app("a", EAST, 5),
        app("b", EAST, 5),
        app("c", EAST, 5));
    RegionEvacuationWorkflow evacuation = run(request(null, null, 1));
    WorkflowClient.start(evacuation::run, request(null, null, 1));
    awaitStatus(evacuation, s -> line(s, "a").state() == AppState.RUNNING);

    evacuation.hold(new HoldSignal("carol", "wait for the database team"));
    env.sleep(Duration.ofSeconds(90));

    EvacuationStatus held = evacuation.status();
    assertThat(held.state()).isEqualTo(EvacuationState.HELD);
    assertThat(line(held, "a").state()).isEqualTo(AppState.COMPLETED);
    assertThat(line(held, "b").state()).isEqualTo(AppState.READY);
    assertThat(held.held())
        .contains("b: the evacuation is held by carol (wait for the database team)");
    assertThat(held.counts()).containsEntry("COMPLETED", 1).containsEntry("READY", 2);
    // One app took 60 s; two remain, one at a time.
    assertThat(held.estimatedRemainingMillis()).isBetween(120_000L, 122_000L);

    evacuation.resume(new ResumeSignal("carol"));
    awaitStatus(evacuation, s -> line(s, "b").phase() != null);
    assertThat(line(evacuation.status(), "b").phase().name()).isEqualTo("ASSESS");
    evacuation.abort(new AbortSignal("dave", "region recovered"));

    EvacuationReport report = WorkflowStub.fromTyped(evacuation).getResult(EvacuationReport.class);
    assertThat(report.outcome()).isEqualTo(EvacuationState.ABORTED);
    assertThat(report.apps())
        .extracting(AppLine::app, AppLine::state)
        .containsExactly(
            tuple("a", AppState.COMPLETED),
            tuple("b", AppState.ABORTED),
            tuple("c", AppState.NOT_STARTED));
    assertThat(events)
        .hasSize(4)
        .startsWith("start a -> us-west-2 @0", "end a @60")
        .anySatisfy(e -> assertThat(e).startsWith("start b"))
        .anySatisfy(e -> assertThat(e).startsWith("abort b"));
    assertThat(evacuation.status().signals())
        .satisfiesExactly(
            s -> assertThat(s).endsWith("hold by carol (wait for the database team)"),
            s -> assertThat(s).endsWith("resume by carol"),
            s -> assertThat(s).endsWith("abort by dave (region recovered)"));
  }

  @Test
  void aHoldSentWithTheStartHoldsTheEvacuationFromItsFirstApp() {
    start(Map.of(), app("a", EAST, 5), app("b", EAST, 5));
    EvacuationRequest request = request(null, null, null);
    RegionEvacuationWorkflow evacuation = run(request);
    WorkflowStub.fromTyped(evacuation)
        .signalWithStart(
            "hold", new Object[] {new HoldSignal("carol", "not yet")}, new Object[] {request});

    env.sleep(Duration.ofMinutes(1));

    EvacuationStatus held = evacuation.status();
    assertThat(held.state()).isEqualTo(EvacuationState.HELD);
    assertThat(held.counts()).containsExactly(org.assertj.core.api.Assertions.entry("READY", 2));
    assertThat(events).isEmpty();

    evacuation.resume(new ResumeSignal("carol"));
    EvacuationReport report = WorkflowStub.fromTyped(evacuation).getResult(EvacuationReport.class);
    assertThat(report.outcome()).isEqualTo(EvacuationState.COMPLETED);
  }

  @Test
  void adoptsAFailoverThatIsAlreadyRunningInsteadOfStartingAnother() {
    start(
        Map.of("orders", Script.lasting(4)), app("orders", EAST, 5), app("web", EAST, 5, "orders"));
    RegionFailoverWorkflow running =
        env.getWorkflowClient()
            .newWorkflowStub(
                RegionFailoverWorkflow.class,
                WorkflowOptions.newBuilder()
                    .setWorkflowId(FailoverRequest.workflowId("orders"))
                    .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                    .build());
    WorkflowClient.start(
        running::run, new FailoverRequest("orders", WEST, FailoverMode.PLANNED, "by hand", "bob"));

    EvacuationReport report = run(request(null, null, null)).run(request(null, null, null));

    assertThat(report.outcome()).isEqualTo(EvacuationState.COMPLETED);
    assertThat(watch.watched).containsExactly("failover-orders");
    assertThat(report.apps())
        .extracting(AppLine::app, AppLine::adopted, AppLine::state)
        .containsExactly(
            tuple("orders", true, AppState.COMPLETED), tuple("web", false, AppState.COMPLETED));
    assertThat(events)
        .satisfiesExactly(
            e -> assertThat(e).startsWith("start orders"),
            e -> assertThat(e).startsWith("end orders"),
            e -> assertThat(e).startsWith("start web"),
            e -> assertThat(e).startsWith("end web"));
    assertThat(report.markdown()).contains("| orders (adopted) |");
  }

  @Test
  void refusesACycleAndAnUnknownAppBeforeStartingAnything() {
    start(Map.of(), app("a", EAST, 5, "b"), app("b", EAST, 5, "a"), app("c", EAST, 5));

    EvacuationRequest bad =
        new EvacuationRequest(
            EAST, "PLANNED", "drill", "alice", List.of("a", "b", "ghost"), null, null, null);
    WorkflowFailedException failed =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            WorkflowFailedException.class, () -> run(bad).run(bad));

    ApplicationFailure failure = (ApplicationFailure) failed.getCause();
    assertThat(failure.getType()).isEqualTo(InvalidEvacuation.TYPE);
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage())
        .contains("apps: unknown app ghost (known: [a, b, c])")
        .contains("dependency cycle: a -> b -> a");
    assertThat(events).isEmpty();
  }

  @Test
  void refusesBadRequestFieldsBeforeReadingAnyEstate() {
    start(Map.of(), app("a", EAST, 5));

    EvacuationRequest bad =
        new EvacuationRequest("us-east-9", "SOMETIMES", null, " ", null, null, "twice", 0);
    WorkflowFailedException failed =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            WorkflowFailedException.class, () -> run(bad).run(bad));

    assertThat(((ApplicationFailure) failed.getCause()).getOriginalMessage())
        .contains("region: us-east-9 is not an AWS region")
        .contains("mode: SOMETIMES is not one of [PLANNED, UNPLANNED, DRILL]")
        .contains("requestedBy is required")
        .contains("approval: twice is not one of ONCE, PER_APP")
        .contains("maxConcurrent: 0 is not between 1 and 100");
    org.mockito.Mockito.verifyNoInteractions(candidates);
  }

  @Test
  void threeRegionsSendTwoAppsToTheirOwnPreferredTargets() {
    List<String> three = List.of(EAST, WEST, OHIO);
    start(
        Map.of(),
        app("orders", EAST, three, List.of(OHIO, WEST), 5),
        app("payments", EAST, three, List.of(WEST, OHIO), 5));

    EvacuationReport report = run(request(null, null, null)).run(request(null, null, null));

    assertThat(events).contains("start orders -> us-east-2 @0", "start payments -> us-west-2 @0");
    assertThat(report.apps())
        .extracting(AppLine::app, AppLine::target)
        .containsExactly(tuple("orders", OHIO), tuple("payments", WEST));
  }

  @Test
  void oneApprovalForTheWholeEvacuationIsForwardedToEachFailoverWhenItWaits() {
    start(
        Map.of("orders", Script.approved(20, 2), "payments", Script.approved(40, 2)),
        app("orders", EAST, 5),
        app("payments", EAST, 5));
    EvacuationRequest once =
        new EvacuationRequest(EAST, "UNPLANNED", "region down", "alice", null, null, "once", null);
    RegionEvacuationWorkflow evacuation = run(once);
    WorkflowClient.start(evacuation::run, once);
    awaitStatus(evacuation, s -> line(s, "orders").phase() != null);

    evacuation.approvePromotion(new ApprovalSignal("alice", "mine"));
    evacuation.approvePromotion(new ApprovalSignal("bob", "go"));
    evacuation.approvePromotion(new ApprovalSignal("bob", "again"));
    evacuation.approvePromotion(new ApprovalSignal("carol", "go"));
    EvacuationReport report = WorkflowStub.fromTyped(evacuation).getResult(EvacuationReport.class);

    assertThat(report.outcome()).isEqualTo(EvacuationState.COMPLETED);
    assertThat(events.stream().filter(e -> e.startsWith("approved")))
        .extracting(e -> e.substring(0, e.indexOf(" @")))
        .containsExactlyInAnyOrder(
            "approved orders by bob",
            "approved orders by carol",
            "approved payments by bob",
            "approved payments by carol");
    EvacuationStatus status = evacuation.status();
    assertThat(status.approvals()).containsExactly("bob", "carol");
    assertThat(status.approvalsNeeded()).isEqualTo(2);
    assertThat(status.signals())
        .anySatisfy(
            s -> assertThat(s).contains("alice requested this evacuation and cannot approve it"))
        .anySatisfy(s -> assertThat(s).contains("bob has already approved"));
    assertThat(report.apps()).extracting(AppLine::rpoSeconds).containsExactly(3L, 3L);
    assertThat(report.markdown())
        .contains("| app | tier | target | state | phase | started | ended | duration | RPO |")
        .contains("| orders | 5 | us-west-2 | COMPLETED | COMPLETED |");
  }

  @Test
  void childrenCarryTheEvacuationSearchAttribute() {
    start(Map.of(), app("orders", EAST, 5));

    run(request(null, null, null)).run(request(null, null, null));

    io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse child =
        env.getWorkflowClient()
            .getWorkflowServiceStubs()
            .blockingStub()
            .describeWorkflowExecution(
                io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest.newBuilder()
                    .setNamespace(env.getNamespace())
                    .setExecution(
                        io.temporal.api.common.v1.WorkflowExecution.newBuilder()
                            .setWorkflowId("failover-orders"))
                    .build());
    assertThat(
            child
                .getWorkflowExecutionInfo()
                .getSearchAttributes()
                .getIndexedFieldsMap()
                .get(SearchAttributes.FAILOVER_EVACUATION.getName())
                .getData()
                .toStringUtf8())
        .contains(ID);
  }

  private void start(Map<String, Script> scripts, Candidate... apps) {
    env = TestWorkflowEnvironment.newInstance();
    TestSearchAttributes.registerIn(env);
    AtomicLong origin = new AtomicLong();
    Worker worker = env.newWorker(RegionFailoverWorkflow.TASK_QUEUE);
    worker.registerWorkflowImplementationTypes(
        WorkflowRegistration.OPTIONS, RegionEvacuationWorkflowImpl.class);
    worker.registerWorkflowImplementationFactory(
        RegionFailoverWorkflow.class, () -> new FakeFailover(scripts, events, origin));
    when(candidates.candidates(any())).thenReturn(new Candidates(List.of(apps), List.of()));
    watch = new ClientWatch(env.getWorkflowClient());
    worker.registerActivitiesImplementations(candidates, watch);
    env.start();
  }

  private RegionEvacuationWorkflow run(EvacuationRequest request) {
    return env.getWorkflowClient()
        .newWorkflowStub(
            RegionEvacuationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(EvacuationRequest.workflowId(request.region()))
                .setTaskQueue(RegionFailoverWorkflow.TASK_QUEUE)
                .build());
  }

  private static EvacuationRequest request(
      List<String> apps, Map<String, String> targets, Integer maxConcurrent) {
    return new EvacuationRequest(
        EAST, "PLANNED", "region impaired", "alice", apps, targets, null, maxConcurrent);
  }

  private void awaitStatus(RegionEvacuationWorkflow evacuation, Predicate<EvacuationStatus> until) {
    for (int i = 0; i < 120; i++) {
      EvacuationStatus status = evacuation.status();
      if (status.apps().size() > 0 && until.test(status)) {
        return;
      }
      env.sleep(Duration.ofSeconds(1));
    }
    throw new AssertionError("status never matched: " + evacuation.status());
  }

  private static AppLine line(EvacuationStatus status, String app) {
    return status.apps().stream().filter(l -> l.app().equals(app)).findFirst().orElseThrow();
  }
}
