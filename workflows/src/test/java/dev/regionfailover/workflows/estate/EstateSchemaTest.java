package dev.regionfailover.workflows.estate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the schema's findings read: each value reported once, for its most basic fault, in the words
 * the hand-written parser used before the schema existed.
 */
class EstateSchemaTest {

  private static final Path EXAMPLE = Path.of("..", "deploy", "estates", "orders.yaml");

  @Test
  void theParserReadsTheSchemaOfTheRepositoryFromTheClasspath() throws IOException {
    try (InputStream in = EstateSchema.class.getResourceAsStream(EstateSchema.RESOURCE)) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(Path.of("..", "deploy", "estate.schema.json")));
    }
  }

  @Test
  void aBlankValueIsReportedAsSuchAndNotAlsoAgainstItsPattern() throws IOException {
    assertThat(problems("app: orders", "app: \"\""))
        .containsExactly("app: must be a non-empty text value");
    assertThat(problems("  timeout: PT1H", "  timeout: \" \""))
        .containsExactly("approvals.timeout: must be a non-empty text value");
  }

  @Test
  void aValueOfTheWrongTypeIsReportedInItsKeysWords() throws IOException {
    assertThat(problems("  timeout: PT1H", "  timeout: 5"))
        .containsExactly("approvals.timeout: 5 is not an ISO-8601 duration such as PT1H or PT30M");
    assertThat(problems("authority:\n  table: failover-authority", "authority: failover-authority"))
        .containsExactly("authority: must be a mapping with keys [table]");
    assertThat(problems("      - {cluster: orders-usw2, service: order-worker}", "      - x"))
        .containsExactly(
            "fleets.us-west-2.ecsServices[0]: must be a mapping with keys [cluster, service]",
            "fleets.us-west-2.ecsServices: has 0 entries but fleets.us-east-1 has 1; entries"
                + " correspond by position across regions");
  }

  @Test
  void anEmptyValueIsMissing() throws IOException {
    assertThat(problems("  timeout: PT1H", "  timeout:"))
        .containsExactly("approvals.timeout: missing");
    assertThat(problems("authority:\n  table: failover-authority", "authority:"))
        .containsExactly("authority: missing");
  }

  @Test
  void aRepeatedRegionIsNamedAtItsPosition() throws IOException {
    assertThat(
            problems(
                "regions: [us-east-1, us-west-2]", "regions: [us-east-1, us-west-2, us-east-1]"))
        .containsExactly("regions[2]: us-east-1 is listed twice");
  }

  @Test
  void aRecordNeedsExactlyOneHostedZone() throws IOException {
    String both = "    hostedZoneName: orders.internal.\n    hostedZoneId: Z1";
    String neither = "";

    assertThat(problems("    hostedZoneName: orders.internal.", both))
        .containsExactly(
            "aurora.writerRecord: needs exactly one of hostedZoneId and hostedZoneName");
    assertThat(problems("    hostedZoneName: orders.internal.\n", neither))
        .containsExactly(
            "aurora.writerRecord: needs exactly one of hostedZoneId and hostedZoneName");
  }

  @Test
  void rulesTheSchemaCannotStateAreStillChecked() throws IOException {
    assertThat(problems("  recoveryTimeout: P7D", "  recoveryTimeout: P0D"))
        .containsExactly("reconcile.recoveryTimeout: P0D must be positive");
    assertThat(
            problems(
                "{queue: orders-fulfilment, deadLetterQueue: orders-fulfilment-dlq, redrive: true}\n"
                    + "  us-west-2:",
                "{queue: orders-fulfilment, redrive: true}\n  us-west-2:"))
        .containsExactly("queues.us-east-1[0].redrive: true needs a deadLetterQueue to redrive");
    assertThat(problems("  consecutiveSamples: 3", "  consecutiveSamples: 3\n  autoApprove: true"))
        .containsExactly(
            "detection.autoApprove: only an estate marked rehearsal: true may approve its own"
                + " failovers; a production failover always waits for people");
  }

  @Test
  void defaultsTheSchemaStatesReachTheRecords() throws Exception {
    String yaml =
        Files.readString(EXAMPLE)
            .replace("    ttl: 60\n", "")
            .replace("  maxRecordTtlSeconds: 60\n", "")
            .replace("  recoveryTimeout: P7D\n", "");

    Estate estate = EstateParser.parse(yaml, "orders.yaml");

    assertThat(estate.traffic().route53().ttl()).isEqualTo(60);
    assertThat(estate.guards().maxRecordTtlSeconds()).isEqualTo(Guards.DEFAULT_MAX_RECORD_TTL);
    assertThat(estate.reconcile().recoveryTimeout()).isEqualTo(Reconcile.DEFAULT_RECOVERY_TIMEOUT);
    assertThat(estate.fleet("us-east-1").eventBridgeRules().get(0).eventBus()).isEqualTo("default");
  }

  @Test
  void sectionsLeftOutReadAsNotConfigured() throws Exception {
    String minimal =
        """
        app: orders
        regions: [us-east-1, us-west-2]
        aurora:
          globalCluster: g
          clusters:
            us-east-1: arn:aws:rds:us-east-1:123456789012:cluster:a
            us-west-2: arn:aws:rds:us-west-2:123456789012:cluster:b
          writerRecord: {hostedZoneId: Z1, name: writer}
          maxLagSeconds: 0
        authority: {table: t}
        flags: {writesEnabledParameter: "/a/{region}"}
        approvals: {timeout: PT1M}
        pins:
        """;

    Estate estate = EstateParser.parse(minimal, "min.yaml");

    assertThat(estate.traffic()).isEqualTo(new Traffic(null, null, null, null));
    assertThat(estate.aurora().writerRecord())
        .isEqualTo(new WriterRecord(new HostedZone("Z1", null), "writer", 60));
    assertThat(estate.pins()).isNull();
    assertThat(estate.fleets()).isEmpty();
    assertThat(estate.approvals().approvers()).isEmpty();
    assertThat(estate.guards()).isEqualTo(Guards.DEFAULTS);
    assertThat(estate.detection()).isNull();
  }

  @Test
  void aDocumentThatIsNotAMappingIsNamed() {
    EstateValidationException e =
        catchThrowableOfType(
            EstateValidationException.class, () -> EstateParser.parse("- a\n", "list.yaml"));

    assertThat(e.errors()).singleElement().asString().startsWith("(document): must be a mapping");
  }

  private static List<String> problems(String from, String to) throws IOException {
    String example = Files.readString(EXAMPLE);
    assertThat(example).contains(from);
    EstateValidationException e =
        catchThrowableOfType(
            EstateValidationException.class,
            () -> EstateParser.parse(example.replace(from, to), "orders.yaml"));
    assertThat(e).as("the estate is refused").isNotNull();
    return e.errors();
  }
}
