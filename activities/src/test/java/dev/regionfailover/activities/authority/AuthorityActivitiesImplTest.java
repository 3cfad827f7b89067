package dev.regionfailover.activities.authority;

import static dev.regionfailover.activities.TestActivities.nonRetryable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.EmulatedAws;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.AuthorityTransition;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import io.temporal.failure.ApplicationFailure;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

@ExtendWith(AwsStackExtension.class)
class AuthorityActivitiesImplTest {

  private static final String APP = "orders";
  private static final String TABLE = "failover-authority";
  private static final String EAST = "us-east-1";
  private static final String WEST = "us-west-2";
  private static final List<String> REGIONS = List.of(EAST, WEST);
  private static final String WORKFLOW = "failover-orders";

  private AwsStack stack;
  private EmulatorClients emulator;
  private AwsClients clients;
  private AuthorityActivitiesImpl activities;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients emulator) {
    this.stack = stack;
    this.emulator = emulator;
    this.clients = EmulatedAws.clients(stack);
    this.activities = new AuthorityActivitiesImpl(clients);
    REGIONS.forEach(region -> LedgerTables.create(emulator.dynamo(region), TABLE));
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  @Test
  void readWithoutLedgerIsNone() {
    assertThat(activities.read(new ReadAuthorityRequest(APP, TABLE, REGIONS)))
        .isEqualTo(AuthorityRecord.none(APP));
  }

  @Test
  void fenceThenActivateWritesLedgerAndAuditInEveryRegion() {
    AuthorityRecord fenced = activities.transition(fence(0, 1));

    assertThat(fenced.epoch()).isEqualTo(1);
    assertThat(fenced.state()).isEqualTo(AuthorityState.FENCED);
    assertThat(fenced.writerRegion()).isNull();
    assertThat(fenced.workflowId()).isEqualTo(WORKFLOW);

    AuthorityRecord active = activities.transition(activate(1, 2, WEST));

    assertThat(activities.read(new ReadAuthorityRequest(APP, TABLE, REGIONS))).isEqualTo(active);
    for (String region : REGIONS) {
      Map<String, AttributeValue> ledger = item(region, "authority");
      assertThat(ledger.get("epoch").n()).isEqualTo("2");
      assertThat(ledger.get("state").s()).isEqualTo("ACTIVE");
      assertThat(ledger.get("writerRegion").s()).isEqualTo(WEST);
      assertThat(ledger.get("workflowId").s()).isEqualTo(WORKFLOW);
      assertThat(ledger.get("reason").s()).isEqualTo("promoted");
      assertThat(ledger.get("updatedAt").s()).isEqualTo(active.updatedAt());

      Map<String, AttributeValue> fenceAudit = item(region, "audit#00000000000000000001");
      assertThat(fenceAudit.get("state").s()).isEqualTo("FENCED");
      assertThat(fenceAudit).doesNotContainKey("writerRegion");
      assertThat(fenceAudit.get("reason").s()).isEqualTo("fence us-east-1");
      Map<String, AttributeValue> activeAudit = item(region, "audit#00000000000000000002");
      assertThat(activeAudit.get("epoch").n()).isEqualTo("2");
      assertThat(activeAudit.get("writerRegion").s()).isEqualTo(WEST);
      assertThat(activeAudit.get("workflowId").s()).isEqualTo(WORKFLOW);
      assertThat(activeAudit.get("at").s()).isEqualTo(active.updatedAt());
    }
  }

  @Test
  void retriedTransitionFindsItsOwnChangeAndWritesNothing() {
    AuthorityRecord first = activities.transition(fence(0, 1));
    long writes = stack.standIn().count("TransactWriteItems");

    AuthorityRecord again = activities.transition(fence(0, 1));

    assertThat(again).isEqualTo(first);
    assertThat(stack.standIn().count("TransactWriteItems")).isEqualTo(writes);
  }

  @Test
  void transitionInterruptedAfterOneRegionCompletesTheOthers() {
    activities.transition(
        new AuthorityTransition(
            APP, TABLE, List.of(EAST), 0, 1, AuthorityState.FENCED, null, WORKFLOW, "fence"));
    long writes = stack.standIn().count("TransactWriteItems");

    AuthorityRecord record = activities.transition(fence(0, 1));

    assertThat(stack.standIn().count("TransactWriteItems")).isEqualTo(writes + 1);
    assertThat(item(WEST, "authority").get("epoch").n()).isEqualTo("1");
    assertThat(activities.read(new ReadAuthorityRequest(APP, TABLE, REGIONS))).isEqualTo(record);
  }

  @Test
  void staleExpectedEpochIsAConflictNamingWhoChangedAuthority() {
    activities.transition(fence(0, 1));
    activities.transition(activate(1, 2, WEST));
    long writes = stack.standIn().count("TransactWriteItems");

    AuthorityTransition stale =
        new AuthorityTransition(
            APP,
            TABLE,
            REGIONS,
            1,
            2,
            AuthorityState.ACTIVE,
            EAST,
            "failover-orders-other",
            "late");
    ApplicationFailure failure = nonRetryable(() -> activities.transition(stale));

    assertThat(failure.getType()).isEqualTo(AuthorityActivitiesImpl.CONFLICT);
    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "authority of orders in us-east-1 is at epoch 2 (state ACTIVE, workflow"
                + " failover-orders); expected 1: someone else changed authority");
    assertThat(stack.standIn().count("TransactWriteItems")).isEqualTo(writes);
    assertThat(item(EAST, "authority").get("writerRegion").s()).isEqualTo(WEST);
  }

  @Test
  void firstTransitionExpectingAnExistingLedgerIsAConflict() {
    ApplicationFailure failure = nonRetryable(() -> activities.transition(fence(3, 4)));

    assertThat(failure.getOriginalMessage())
        .isEqualTo(
            "authority of orders in us-east-1 is at epoch 0 (no ledger item in table"
                + " failover-authority); expected 3: someone else changed authority");
  }

  @Test
  void disagreeingCopiesFailTheRead() {
    putLedger(EAST, "3", "ACTIVE", EAST);
    putLedger(WEST, "2", "FENCED", null);

    ApplicationFailure failure =
        nonRetryable(() -> activities.read(new ReadAuthorityRequest(APP, TABLE, REGIONS)));

    assertThat(failure.getType()).isEqualTo(AuthorityActivitiesImpl.DISAGREEMENT);
    assertThat(failure.getOriginalMessage())
        .startsWith(
            "authority ledger copies disagree: us-east-1 says epoch 3 ACTIVE writer us-east-1"
                + " (workflow wf-manual, at 2025-01-01T00:00:00Z), us-west-2 says epoch 2 FENCED"
                + " writer none (workflow wf-manual, at 2025-01-01T00:00:00Z)");
  }

  @Test
  void aCopyMissingInOneRegionIsADisagreement() {
    putLedger(EAST, "1", "FENCED", null);

    ApplicationFailure failure =
        nonRetryable(() -> activities.read(new ReadAuthorityRequest(APP, TABLE, REGIONS)));

    assertThat(failure.getOriginalMessage()).contains("us-west-2 says no ledger item");
  }

  @Test
  void transitionThatLowersTheEpochIsRejectedBeforeWriting() {
    long writes = stack.standIn().count("TransactWriteItems");

    ApplicationFailure failure = nonRetryable(() -> activities.transition(fence(2, 1)));

    assertThat(failure.getType()).isEqualTo(AuthorityActivitiesImpl.INVALID_TRANSITION);
    assertThat(failure.getOriginalMessage()).contains("the epoch must only go up");
    assertThat(stack.standIn().count("TransactWriteItems")).isEqualTo(writes);
  }

  @Test
  void eachRegionsCopyCanBeActivatedOnItsOwnNamingTheOtherRegionAsWriter() {
    activities.transition(fence(0, 1));

    for (String region : REGIONS) {
      activities.transition(
          new AuthorityTransition(
              APP,
              TABLE,
              List.of(region),
              1,
              2,
              AuthorityState.ACTIVE,
              WEST,
              WORKFLOW,
              "promoted, one copy at a time"));
    }

    AuthorityRecord active = activities.read(new ReadAuthorityRequest(APP, TABLE, REGIONS));
    assertThat(active.state()).isEqualTo(AuthorityState.ACTIVE);
    assertThat(active.writerRegion()).isEqualTo(WEST);
    assertThat(active.epoch()).isEqualTo(2);
  }

  @Test
  void activeWithoutAWriterIsRejectedBeforeWriting() {
    activities.transition(fence(0, 1));
    long writes = stack.standIn().count("TransactWriteItems");

    ApplicationFailure failure = nonRetryable(() -> activities.transition(activate(1, 2, null)));

    assertThat(failure.getType()).isEqualTo(AuthorityActivitiesImpl.INVALID_TRANSITION);
    assertThat(failure.getOriginalMessage()).contains("ACTIVE needs a writer region, got null");
    assertThat(stack.standIn().count("TransactWriteItems")).isEqualTo(writes);
  }

  @Test
  void missingTableIsNonRetryableAndNamesTableAndRegion() {
    ApplicationFailure failure =
        nonRetryable(
            () -> activities.read(new ReadAuthorityRequest(APP, "no-such-table", List.of(WEST))));

    assertThat(failure.getOriginalMessage())
        .startsWith(
            "GetItem on authority ledger of orders in table no-such-table in us-west-2 failed:"
                + " ResourceNotFoundException");
  }

  private AuthorityTransition fence(long expected, long next) {
    return new AuthorityTransition(
        APP,
        TABLE,
        REGIONS,
        expected,
        next,
        AuthorityState.FENCED,
        null,
        WORKFLOW,
        "fence us-east-1");
  }

  private AuthorityTransition activate(long expected, long next, String writer) {
    return new AuthorityTransition(
        APP, TABLE, REGIONS, expected, next, AuthorityState.ACTIVE, writer, WORKFLOW, "promoted");
  }

  private void putLedger(String region, String epoch, String state, String writer) {
    Map<String, AttributeValue> item =
        new HashMap<>(
            Map.of(
                "pk", AttributeValue.fromS(APP),
                "sk", AttributeValue.fromS("authority"),
                "epoch", AttributeValue.fromN(epoch),
                "state", AttributeValue.fromS(state),
                "workflowId", AttributeValue.fromS("wf-manual"),
                "updatedAt", AttributeValue.fromS("2025-01-01T00:00:00Z")));
    if (writer != null) {
      item.put("writerRegion", AttributeValue.fromS(writer));
    }
    emulator.dynamo(region).putItem(b -> b.tableName(TABLE).item(item));
  }

  private Map<String, AttributeValue> item(String region, String sortKey) {
    return emulator
        .dynamo(region)
        .getItem(
            b ->
                b.tableName(TABLE)
                    .consistentRead(true)
                    .key(
                        Map.of(
                            "pk", AttributeValue.fromS(APP), "sk", AttributeValue.fromS(sortKey))))
        .item();
  }
}
