package dev.regionfailover.activities.estate;

import static dev.regionfailover.activities.TestActivities.nonRetryable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.LoadEstateRequest;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EstateCatalogTest {

  /** The example estate shipped in deploy/, relative to this module. */
  private static final Path EXAMPLE = Path.of("../deploy/estates/orders.yaml");

  @TempDir Path directory;

  @Test
  void loadsTheExampleEstate() throws IOException {
    Files.copy(EXAMPLE, directory.resolve("orders.yaml"));
    EstateActivitiesImpl activities = new EstateActivitiesImpl(new EstateCatalog(directory));

    Estate estate = activities.load(new LoadEstateRequest("orders"));

    assertThat(estate.app()).isEqualTo("orders");
    assertThat(estate.regions()).containsExactly("us-east-1", "us-west-2");
    assertThat(estate.aurora().cluster("us-west-2"))
        .isEqualTo("arn:aws:rds:us-west-2:123456789012:cluster:orders-usw2");
    assertThat(estate.fleet("us-east-1").autoScalingGroups()).containsExactly("orders-batch-use1");
  }

  @Test
  void unknownAppIsNonRetryableAndListsKnownApps() throws IOException {
    Files.copy(EXAMPLE, directory.resolve("orders.yaml"));
    Files.writeString(directory.resolve("notes.txt"), "not an estate");
    EstateCatalog catalog = new EstateCatalog(directory);

    ApplicationFailure failure = nonRetryable(() -> catalog.load("billing"));

    assertThat(failure.getType()).isEqualTo(EstateCatalog.UNKNOWN_APP);
    assertThat(failure.getOriginalMessage())
        .isEqualTo("no estate for app billing in " + directory + " (known: [orders])");
  }

  @Test
  void invalidFileOfTheAppFailsWithEveryError() throws IOException {
    String broken =
        Files.readString(EXAMPLE)
            .replace("regions: [us-east-1, us-west-2]", "regions: [us-east-1, us-west-3]")
            .replace("maxLagSeconds: 5", "maxLagSeconds: -5");
    Files.writeString(directory.resolve("orders.yml"), broken);
    EstateCatalog catalog = new EstateCatalog(directory);

    ApplicationFailure failure = nonRetryable(() -> catalog.load("orders"));

    assertThat(failure.getType()).isEqualTo(EstateCatalog.INVALID_ESTATE);
    assertThat(failure.getOriginalMessage())
        .contains("orders.yml is not a valid estate")
        .contains("regions[1]: us-west-3 is not an AWS region")
        .contains("aurora.maxLagSeconds: -5 must be a whole number of seconds, 0 or more");
  }

  @Test
  void unparseableFileIsReportedForTheAppItsNameSuggests() throws IOException {
    Files.writeString(directory.resolve("billing.yaml"), "app: billing\nregions: [us-east-1\n");
    EstateCatalog catalog = new EstateCatalog(directory);

    ApplicationFailure failure = nonRetryable(() -> catalog.load("billing"));

    assertThat(failure.getOriginalMessage()).contains("billing.yaml").contains("not valid YAML");
  }

  @Test
  void anEditedFileAppliesToTheNextLoad() throws IOException {
    Path file = directory.resolve("orders.yaml");
    Files.copy(EXAMPLE, file);
    EstateCatalog catalog = new EstateCatalog(directory);
    assertThat(catalog.load("orders").aurora().maxLagSeconds()).isEqualTo(5);

    Files.writeString(file, Files.readString(file).replace("maxLagSeconds: 5", "maxLagSeconds: 9"));

    assertThat(catalog.load("orders").aurora().maxLagSeconds()).isEqualTo(9);
  }

  @Test
  void scanReportsValidEstatesInvalidFilesAndDuplicates() throws IOException {
    Files.copy(EXAMPLE, directory.resolve("a-orders.yaml"));
    Files.copy(EXAMPLE, directory.resolve("b-orders-copy.yaml"));
    Files.writeString(directory.resolve("c-billing.yaml"), "app: billing\n");
    EstateCatalog catalog = new EstateCatalog(directory);

    EstateScan scan = catalog.scan();

    assertThat(scan.apps()).containsExactly("orders");
    assertThat(scan.invalid())
        .extracting(InvalidEstateFile::app)
        .containsExactly("orders", "billing");
    assertThat(scan.invalid().get(0).errors())
        .containsExactly(
            "app: orders is also described by "
                + directory.resolve("a-orders.yaml")
                + "; each app needs exactly one file");
    assertThat(scan.invalid().get(1).errors()).contains("regions: missing", "aurora: missing");
    // Two files for one app make it ambiguous, so it cannot be loaded until one is removed.
    assertThat(nonRetryable(() -> catalog.load("orders")).getOriginalMessage())
        .contains("b-orders-copy.yaml")
        .contains("each app needs exactly one file");
  }

  @Test
  void missingDirectoryIsReported() {
    EstateCatalog catalog = new EstateCatalog(directory.resolve("missing"));

    assertThatThrownBy(catalog::scan)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining(directory.resolve("missing").toString());
    assertThat(nonRetryable(() -> catalog.load("orders")).getOriginalMessage())
        .startsWith("cannot read the estates directory " + directory.resolve("missing"));
  }
}
