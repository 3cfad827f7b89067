package dev.regionfailover.starter.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.regionfailover.devstack.aws.RecordedOperation;
import dev.regionfailover.devstack.aws.RecordedOperations;
import dev.regionfailover.starter.estate.EstateFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The policy {@code ./failover iam-policy} derives for the example estate, checked against what the
 * worker really did in the worker module's end-to-end tests (which the reactor runs before this
 * module): it allows every action on every resource any flow used, and each of its actions is used
 * by some flow.
 */
class WorkerPolicyCoversRecordedFlowsTest {

  /** Where the worker module's end-to-end tests leave what they did; Surefire runs in starter/. */
  static final Path RECORDED = Path.of("..", "worker", "target", "recorded-operations");

  /** The flows the policy must serve: failover in every mode, and every other workflow. */
  static final List<String> FLOWS =
      List.of(
          "FailoverEndToEndTest",
          "UnplannedFailoverEndToEndTest",
          "ReadinessEndToEndTest",
          "MonitorEndToEndTest",
          "RehearsalEndToEndTest",
          "ReconcileEndToEndTest",
          "RepinCrashTest",
          "RecoverAuthorityEndToEndTest");

  static final String REGENERATE =
      "mvn -B -pl worker -am test -Dtest='"
          + String.join(",", FLOWS)
          + "' -Dsurefire.failIfNoSpecifiedTests=false";

  /** Actions every caller may use without any permission. */
  static final Set<String> NEED_NO_PERMISSION = Set.of("sts:GetCallerIdentity");

  /**
   * Actions of the policy that no recorded flow reaches in the emulator, each with the reason it is
   * still needed against real AWS.
   */
  static final Map<String, String> UNREACHED_IN_THE_EMULATOR =
      Map.of(
          "iam:PassRole",
          "AWS checks that the caller of scheduler:UpdateSchedule may pass the schedule's role;"
              + " moto does not evaluate IAM",
          "route53:GetChange",
          "polled only while Route 53 reports a record change PENDING; moto reports every change"
              + " INSYNC at once",
          "lambda:GetEventSourceMapping",
          "polled only while a mapping is Enabling or Disabling; moto switches it at once",
          "route53-recovery-cluster:UpdateRoutingControlStates",
          "sets several routing controls in one call; the flows change one control per call",
          "ssm:DeleteParameter",
          "restores a writes-enabled flag that did not exist before an undone failover; the"
              + " example estate's flags always exist");

  private static PolicyEvaluator policy;
  private static List<PolicyStatement> statements;
  private static List<String> policyActions;
  private static List<RecordedOperation> recorded;

  @BeforeAll
  static void generateAndRead() throws Exception {
    IamPolicy generated =
        IamPolicyGenerator.generate(
            EstateFiles.load(CloudFormationTemplateTest.EXAMPLE_ESTATE), "123456789012");
    policy = PolicyEvaluator.of(generated.toJson());
    statements = generated.statements();
    policyActions =
        generated.statements().stream().flatMap(s -> s.actions().stream()).distinct().toList();
    recorded = new ArrayList<>();
    List<String> present = RecordedOperations.testClasses(RECORDED);
    for (String flow : FLOWS) {
      String testClass = "dev.regionfailover.worker." + flow;
      if (!present.contains(testClass)) {
        fail(
            "no operations recorded by %s in %s: the worker module's end-to-end tests write them"
                + " when they run. Run them first: %s",
            flow, RECORDED.toAbsolutePath().normalize(), REGENERATE);
      }
      List<RecordedOperation> byWorker =
          RecordedOperations.read(RECORDED, testClass).stream()
              .filter(op -> op.accessKey().equals(RecordedOperations.WORKER_ACCESS_KEY))
              .toList();
      assertThat(byWorker)
          .as("operations of the worker recorded by %s; rerun: %s", flow, REGENERATE)
          .isNotEmpty();
      recorded.addAll(byWorker);
    }
  }

  @Test
  void allowsEveryActionOnEveryResourceTheFlowsUsed() {
    Set<String> denied = new TreeSet<>();
    for (RecordedOperation op : recorded) {
      if (!NEED_NO_PERMISSION.contains(op.action()) && !policy.allows(op.action(), op.resource())) {
        denied.add(op.action() + " on " + op.resource() + " (" + op.operation() + ")");
      }
    }

    assertThat(denied).as("recorded operations the generated policy does not allow").isEmpty();
  }

  /** Each action of each statement, on some resource of that same statement. */
  @Test
  void everyActionOfEveryStatementIsUsedBySomeFlow() {
    List<String> unused = new ArrayList<>();
    for (PolicyStatement statement : statements) {
      List<Pattern> resources =
          statement.resources().stream().map(PolicyEvaluator::wildcard).toList();
      for (String action : statement.actions()) {
        boolean used =
            recorded.stream()
                .anyMatch(
                    op ->
                        op.action().equalsIgnoreCase(action)
                            && resources.stream()
                                .anyMatch(r -> r.matcher(op.resource()).matches()));
        if (!used && !UNREACHED_IN_THE_EMULATOR.containsKey(action)) {
          unused.add(statement.sid() + ": " + action);
        }
      }
    }

    assertThat(unused).as("actions of the policy that no recorded flow uses").isEmpty();
  }

  @Test
  void theUnreachedActionsAreInThePolicyAndReallyUnreached() {
    for (String action : UNREACHED_IN_THE_EMULATOR.keySet()) {
      assertThat(policyActions).contains(action);
      assertThat(recorded)
          .as("%s is recorded now: remove it from UNREACHED_IN_THE_EMULATOR", action)
          .noneMatch(op -> op.action().equalsIgnoreCase(action));
    }
  }
}
