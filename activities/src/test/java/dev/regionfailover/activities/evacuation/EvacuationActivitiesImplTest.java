package dev.regionfailover.activities.evacuation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.regionfailover.activities.authority.AuthorityActivitiesImpl;
import dev.regionfailover.activities.authority.LedgerTables;
import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.EmulatedAws;
import dev.regionfailover.activities.estate.EstateCatalog;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.AwsStackExtension;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.AuthorityTransition;
import dev.regionfailover.workflows.evacuation.Candidate;
import dev.regionfailover.workflows.evacuation.Candidates;
import dev.regionfailover.workflows.evacuation.CandidatesRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The candidates of an evacuation, read from estate files and ledgers in the emulator. */
@ExtendWith(AwsStackExtension.class)
class EvacuationActivitiesImplTest {

  private static final Path EXAMPLE = Path.of("../deploy/estates/orders.yaml");
  private static final String EAST = "us-east-1";
  private static final String WEST = "us-west-2";
  private static final String TABLE = "failover-authority";

  @TempDir Path directory;

  private EmulatorClients emulator;
  private AwsClients clients;
  private AuthorityActivitiesImpl ledger;
  private EvacuationActivitiesImpl activities;

  @BeforeEach
  void setUp(AwsStack stack, EmulatorClients emulator) {
    this.emulator = emulator;
    this.clients = EmulatedAws.clients(stack);
    this.ledger = new AuthorityActivitiesImpl(clients);
    this.activities = new EvacuationActivitiesImpl(new EstateCatalog(directory), ledger);
  }

  @AfterEach
  void tearDown() {
    clients.close();
  }

  @Test
  void listsEachAppWithItsWriterDefaultTargetAndDependencies() throws IOException {
    List.of(EAST, WEST).forEach(r -> LedgerTables.create(emulator.dynamo(r), TABLE));
    estate("orders", TABLE, "dependsOn: [payments]\ntier: 2\n");
    estate("payments", TABLE, "");
    estate("billing", TABLE, "");
    Files.writeString(directory.resolve("broken.yaml"), "app: broken\nregions: [us-east-1]\n");
    activate("orders", TABLE, List.of(EAST, WEST), EAST);
    activate("payments", TABLE, List.of(EAST, WEST), EAST);
    activate("billing", TABLE, List.of(EAST, WEST), WEST);

    Candidates candidates = activities.candidates(new CandidatesRequest(EAST));

    assertThat(candidates.apps())
        .extracting(
            Candidate::app,
            Candidate::writerRegion,
            Candidate::defaultTarget,
            Candidate::dependsOn,
            Candidate::tier)
        .containsExactlyInAnyOrder(
            tuple("orders", EAST, WEST, List.of("payments"), 2),
            tuple("payments", EAST, WEST, List.of(), 5),
            tuple("billing", WEST, WEST, List.of(), 5));
    assertThat(candidates.invalidFiles()).singleElement().asString().contains("broken.yaml");
  }

  @Test
  void aLedgerUnreachableInTheEvacuatedRegionIsReadFromTheOthers() throws IOException {
    // The table exists only in the west: reading the east copy fails as in an outage there.
    LedgerTables.create(emulator.dynamo(WEST), "orders-authority");
    estate("orders", "orders-authority", "");
    activate("orders", "orders-authority", List.of(WEST), EAST);

    Candidate orders = activities.candidates(new CandidatesRequest(EAST)).apps().get(0);

    assertThat(orders.writerRegion()).isEqualTo(EAST);
    assertThat(orders.ledgerState()).isEqualTo("ACTIVE");
    assertThat(orders.problem()).isNull();
  }

  @Test
  void copiesThatDisagreeLeaveTheWriterUnknownWithTheReason() throws IOException {
    List.of(EAST, WEST).forEach(r -> LedgerTables.create(emulator.dynamo(r), TABLE));
    estate("orders", TABLE, "");
    activate("orders", TABLE, List.of(EAST), EAST);
    activate("orders", TABLE, List.of(WEST), WEST);

    Candidate orders = activities.candidates(new CandidatesRequest(EAST)).apps().get(0);

    assertThat(orders.writerRegion()).isNull();
    assertThat(orders.problem()).contains("authority ledger copies disagree");
  }

  private void estate(String app, String table, String extra) throws IOException {
    String text =
        Files.readString(EXAMPLE)
                .replace("app: orders", "app: " + app)
                .replace("table: failover-authority", "table: " + table)
            + extra;
    Files.writeString(directory.resolve(app + ".yaml"), text);
  }

  private void activate(String app, String table, List<String> regions, String writer) {
    ledger.transition(
        new AuthorityTransition(
            app, table, regions, 0, 1, AuthorityState.ACTIVE, writer, "seed-" + app, "seed"));
  }
}
