package dev.regionfailover.activities.authority;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.ledger.LedgerTable;
import dev.regionfailover.activities.ledger.LedgerTable.LedgerWrite;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.AuthorityTransition;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads and moves authority in every regional copy of the ledger ({@link LedgerTable}): a read
 * insists that the copies agree, a transition writes each copy from the epoch it expects and reads
 * every copy back.
 */
public final class AuthorityActivitiesImpl implements AuthorityActivities {

  /** Failure type when the ledger is not at the expected epoch. */
  public static final String CONFLICT = "AuthorityConflict";

  /** Failure type when the regional copies of the ledger disagree. */
  public static final String DISAGREEMENT = "AuthorityDisagreement";

  /** Failure type for a transition that could never be valid. */
  public static final String INVALID_TRANSITION = "InvalidAuthorityTransition";

  private static final Logger log = LoggerFactory.getLogger(AuthorityActivitiesImpl.class);
  private static final int MAX_WRITE_ATTEMPTS = 3;

  private final LedgerTable table;

  @Inject
  public AuthorityActivitiesImpl(AwsClients clients) {
    this.table = new LedgerTable(requireNonNull(clients, "clients is null"));
  }

  @Override
  public AuthorityRecord read(ReadAuthorityRequest request) {
    if (request.regions() == null || request.regions().isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "cannot read the authority of " + request.app() + ": the request names no regions",
          INVALID_TRANSITION);
    }
    Map<String, Optional<AuthorityRecord>> copies = new LinkedHashMap<>();
    for (String region : request.regions()) {
      copies.put(region, readLedger(request.app(), request.table(), region));
    }
    Optional<AuthorityRecord> first = copies.values().iterator().next();
    boolean agree =
        copies.values().stream()
            .allMatch(
                copy ->
                    copy.isPresent() == first.isPresent()
                        && (copy.isEmpty() || sameAuthority(copy.get(), first.get())));
    if (!agree) {
      List<String> says = new ArrayList<>();
      copies.forEach((region, copy) -> says.add(region + " says " + describe(copy)));
      throw ApplicationFailure.newNonRetryableFailure(
          "authority ledger copies disagree: "
              + String.join(", ", says)
              + " (app "
              + request.app()
              + ", table "
              + request.table()
              + "); run ./failover recover "
              + request.app()
              + " to settle every copy on Aurora's writer before any failover",
          DISAGREEMENT);
    }
    return first.orElse(AuthorityRecord.none(request.app()));
  }

  @Override
  public AuthorityRecord transition(AuthorityTransition request) {
    validate(request);
    String updatedAt = Instant.now().toString();
    for (String region : request.regions()) {
      transitionIn(request, region, updatedAt);
    }
    AuthorityRecord result = null;
    for (String region : request.regions()) {
      AuthorityRecord copy = readLedger(request.app(), request.table(), region).orElse(null);
      if (copy == null || !isResultOf(copy, request)) {
        // A retry either finds its change in place or reports who changed authority since.
        throw ApplicationFailure.newFailure(
            "read back the authority of "
                + request.app()
                + " in "
                + region
                + " after writing epoch "
                + request.newEpoch()
                + " and found "
                + describe(Optional.ofNullable(copy)),
            "AuthorityReadBackMismatch");
      }
      result = result == null ? copy : result;
    }
    log.info(
        "Authority of {} is now epoch {} {} writer {} in {}",
        request.app(),
        request.newEpoch(),
        request.state(),
        request.writerRegion(),
        request.regions());
    return result;
  }

  private void transitionIn(AuthorityTransition request, String region, String updatedAt) {
    for (int attempt = 1; ; attempt++) {
      Optional<AuthorityRecord> current = readLedger(request.app(), request.table(), region);
      if (current.isPresent()
          && current.get().epoch() == request.newEpoch()
          && request.workflowId().equals(current.get().workflowId())) {
        log.info(
            "Authority of {} in {} is already at epoch {} by {}; nothing to write",
            request.app(),
            region,
            request.newEpoch(),
            request.workflowId());
        return;
      }
      long epoch = current.map(AuthorityRecord::epoch).orElse(0L);
      if (epoch != request.expectedEpoch()) {
        throw conflict(request, region, current);
      }
      if (write(request, region, current.isPresent(), updatedAt)) {
        log.info(
            "Wrote authority of {} in {}: epoch {} -> {} ({})",
            request.app(),
            region,
            request.expectedEpoch(),
            request.newEpoch(),
            request.state());
        return;
      }
      if (attempt == MAX_WRITE_ATTEMPTS) {
        throw ApplicationFailure.newFailure(
            "the authority ledger of "
                + request.app()
                + " in "
                + region
                + " kept changing while epoch "
                + request.newEpoch()
                + " was being written",
            CONFLICT);
      }
    }
  }

  /**
   * Writes the ledger item and its audit item in one transaction.
   *
   * @return false when the ledger changed since it was read, so the caller reads it again
   */
  private boolean write(
      AuthorityTransition request, String region, boolean exists, String updatedAt) {
    Map<String, AttributeValue> ledger =
        LedgerTable.ledgerItem(
            request.app(),
            request.newEpoch(),
            request.state().name(),
            request.workflowId(),
            updatedAt,
            request.writerRegion(),
            request.reason());
    LedgerWrite outcome =
        table.write(
            region,
            request.table(),
            ledger,
            exists ? request.expectedEpoch() : null,
            LedgerTable.auditOf(ledger, AttributeValue.fromS(updatedAt)),
            AttributeValue.fromS(request.workflowId()));
    if (outcome.written()) {
      return true;
    }
    if (outcome.auditTaken()) {
      throw ApplicationFailure.newNonRetryableFailure(
          ("the audit trail of %s in table %s in %s already records epoch %d by another workflow,"
                  + " although the ledger is at epoch %d: the ledger was set back by hand; an"
                  + " epoch must never be reused")
              .formatted(
                  request.app(),
                  request.table(),
                  region,
                  request.newEpoch(),
                  request.expectedEpoch()),
          CONFLICT);
    }
    if (outcome.ledgerChanged()) {
      return false;
    }
    // Transaction conflicts and throttling clear up on their own.
    throw ApplicationFailure.newFailureWithCause(
        "writing the %s in %s was cancelled: %s; retrying"
            .formatted(
                LedgerTable.resource(request.app(), request.table()), region, outcome.codes()),
        "AuthorityWriteCancelled",
        outcome.cancelled());
  }

  private Optional<AuthorityRecord> readLedger(String app, String tableName, String region) {
    Optional<Map<String, AttributeValue>> found = table.ledger(app, tableName, region);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    Map<String, AttributeValue> item = found.get();
    String state = LedgerTable.text(item, "state");
    AuthorityState parsed;
    try {
      parsed = AuthorityState.valueOf(Objects.requireNonNullElse(state, ""));
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the authority ledger item of "
              + app
              + " in table "
              + tableName
              + " in "
              + region
              + " has state "
              + state
              + ", expected ACTIVE or FENCED",
          DISAGREEMENT);
    }
    return Optional.of(
        new AuthorityRecord(
            app,
            LedgerTable.text(item, "writerRegion"),
            LedgerTable.epoch(item),
            parsed,
            LedgerTable.text(item, "workflowId"),
            LedgerTable.text(item, "updatedAt")));
  }

  private static void validate(AuthorityTransition request) {
    List<String> problems = new ArrayList<>();
    if (request.app() == null || request.app().isBlank()) {
      problems.add("app is missing");
    }
    if (request.table() == null || request.table().isBlank()) {
      problems.add("table is missing");
    }
    if (request.regions() == null || request.regions().isEmpty()) {
      problems.add("regions is empty");
    }
    if (request.workflowId() == null || request.workflowId().isBlank()) {
      problems.add("workflowId is missing");
    }
    if (request.expectedEpoch() < 0 || request.newEpoch() <= request.expectedEpoch()) {
      problems.add(
          "epoch "
              + request.expectedEpoch()
              + " -> "
              + request.newEpoch()
              + " does not grow; the epoch must only go up");
    }
    if (request.state() == AuthorityState.FENCED && request.writerRegion() != null) {
      problems.add("FENCED names writer " + request.writerRegion() + "; a fenced ledger has none");
    } else if (request.state() == AuthorityState.ACTIVE
        && (request.writerRegion() == null || request.writerRegion().isBlank())) {
      // The writer need not be one of the regions written: a failover updates each region's copy
      // on its own, so the old region's copy names the new writer. RegionFailover refuses a target
      // outside the estate before it changes anything.
      problems.add("ACTIVE needs a writer region, got " + request.writerRegion());
    } else if (request.state() == null || request.state() == AuthorityState.NONE) {
      problems.add("state must be ACTIVE or FENCED, got " + request.state());
    }
    if (!problems.isEmpty()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "invalid authority transition for " + request.app() + ": " + String.join("; ", problems),
          INVALID_TRANSITION);
    }
  }

  private static ApplicationFailure conflict(
      AuthorityTransition request, String region, Optional<AuthorityRecord> current) {
    String observed =
        current
            .map(
                c ->
                    "at epoch "
                        + c.epoch()
                        + " (state "
                        + c.state()
                        + ", workflow "
                        + c.workflowId()
                        + ")")
            .orElse("at epoch 0 (no ledger item in table " + request.table() + ")");
    return ApplicationFailure.newNonRetryableFailure(
        "authority of "
            + request.app()
            + " in "
            + region
            + " is "
            + observed
            + "; expected "
            + request.expectedEpoch()
            + ": someone else changed authority",
        CONFLICT);
  }

  private static boolean isResultOf(AuthorityRecord copy, AuthorityTransition request) {
    return copy.epoch() == request.newEpoch()
        && copy.state() == request.state()
        && Objects.equals(copy.writerRegion(), request.writerRegion())
        && request.workflowId().equals(copy.workflowId());
  }

  private static boolean sameAuthority(AuthorityRecord a, AuthorityRecord b) {
    return a.epoch() == b.epoch()
        && a.state() == b.state()
        && Objects.equals(a.writerRegion(), b.writerRegion());
  }

  private static String describe(Optional<AuthorityRecord> copy) {
    return copy.map(
            c ->
                "epoch "
                    + c.epoch()
                    + " "
                    + c.state()
                    + " writer "
                    + (c.writerRegion() == null ? "none" : c.writerRegion())
                    + " (workflow "
                    + c.workflowId()
                    + ", at "
                    + c.updatedAt()
                    + ")")
        .orElse("no ledger item");
  }
}
