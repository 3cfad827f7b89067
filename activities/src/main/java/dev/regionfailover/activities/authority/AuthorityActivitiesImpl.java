package dev.regionfailover.activities.authority;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsFailures;
import dev.regionfailover.workflows.authority.AuthorityActivities;
import dev.regionfailover.workflows.authority.AuthorityRecord;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.AuthorityTransition;
import dev.regionfailover.workflows.authority.ReadAuthorityRequest;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The authority ledger in DynamoDB. Each region has its own copy of the ledger table; the ledger
 * item of an app is {@code pk=<app>, sk=authority}, and every change also writes an audit item
 * {@code pk=<app>, sk=audit#<epoch, 20 digits>} in the same transaction, so the trail proves who
 * held authority when. Every write is conditional on the epoch it expects, which is the fencing
 * token: the epoch never goes down and two writers can never both succeed.
 */
public final class AuthorityActivitiesImpl implements AuthorityActivities {

  /** Failure type when the ledger is not at the expected epoch. */
  public static final String CONFLICT = "AuthorityConflict";

  /** Failure type when the regional copies of the ledger disagree. */
  public static final String DISAGREEMENT = "AuthorityDisagreement";

  /** Failure type for a transition that could never be valid. */
  public static final String INVALID_TRANSITION = "InvalidAuthorityTransition";

  /** The sort key of the ledger item of an app; its audit items sort after it. */
  public static final String LEDGER_SORT_KEY = "authority";

  private static final Logger log = LoggerFactory.getLogger(AuthorityActivitiesImpl.class);
  private static final int MAX_WRITE_ATTEMPTS = 3;
  private static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

  private final AwsClients clients;

  @Inject
  public AuthorityActivitiesImpl(AwsClients clients) {
    this.clients = requireNonNull(clients, "clients is null");
  }

  /** The sort key of the audit item of an epoch; zero-padded so that items sort by epoch. */
  public static String auditSortKey(long epoch) {
    return String.format("audit#%020d", epoch);
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
    Map<String, AttributeValue> ledger = new HashMap<>();
    ledger.put("pk", AttributeValue.fromS(request.app()));
    ledger.put("sk", AttributeValue.fromS(LEDGER_SORT_KEY));
    ledger.put("epoch", AttributeValue.fromN(Long.toString(request.newEpoch())));
    ledger.put("state", AttributeValue.fromS(request.state().name()));
    ledger.put("workflowId", AttributeValue.fromS(request.workflowId()));
    ledger.put("updatedAt", AttributeValue.fromS(updatedAt));
    putIfPresent(ledger, "writerRegion", request.writerRegion());
    putIfPresent(ledger, "reason", request.reason());
    Put.Builder ledgerPut = Put.builder().tableName(request.table()).item(ledger);
    if (exists) {
      ledgerPut
          .conditionExpression("epoch = :expected")
          .expressionAttributeValues(
              Map.of(":expected", AttributeValue.fromN(Long.toString(request.expectedEpoch()))));
    } else {
      ledgerPut.conditionExpression("attribute_not_exists(pk)");
    }

    Map<String, AttributeValue> audit = new HashMap<>();
    audit.put("pk", AttributeValue.fromS(request.app()));
    audit.put("sk", AttributeValue.fromS(auditSortKey(request.newEpoch())));
    audit.put("epoch", AttributeValue.fromN(Long.toString(request.newEpoch())));
    audit.put("state", AttributeValue.fromS(request.state().name()));
    audit.put("workflowId", AttributeValue.fromS(request.workflowId()));
    audit.put("at", AttributeValue.fromS(updatedAt));
    putIfPresent(audit, "writerRegion", request.writerRegion());
    putIfPresent(audit, "reason", request.reason());
    // The audit item of an epoch is written once; only the same workflow may find its own (for
    // example one replicated from another region's copy of a global table) and write it again.
    Put auditPut =
        Put.builder()
            .tableName(request.table())
            .item(audit)
            .conditionExpression("attribute_not_exists(pk) OR workflowId = :workflow")
            .expressionAttributeValues(
                Map.of(":workflow", AttributeValue.fromS(request.workflowId())))
            .build();

    String resource = "authority ledger of " + request.app() + " in table " + request.table();
    return AwsFailures.call(
        "TransactWriteItems",
        resource,
        region,
        () -> {
          try {
            clients
                .dynamo(region)
                .transactWriteItems(
                    b ->
                        b.transactItems(
                            TransactWriteItem.builder().put(ledgerPut.build()).build(),
                            TransactWriteItem.builder().put(auditPut).build()));
            return true;
          } catch (TransactionCanceledException e) {
            List<String> codes =
                e.cancellationReasons().stream().map(CancellationReason::code).toList();
            if (codes.size() > 1 && CONDITIONAL_CHECK_FAILED.equals(codes.get(1))) {
              throw ApplicationFailure.newNonRetryableFailure(
                  "the audit trail of "
                      + request.app()
                      + " in table "
                      + request.table()
                      + " in "
                      + region
                      + " already records epoch "
                      + request.newEpoch()
                      + " by another workflow, although the ledger is at epoch "
                      + request.expectedEpoch()
                      + ": the ledger was set back by hand; an epoch must never be reused",
                  CONFLICT);
            }
            if (!codes.isEmpty() && CONDITIONAL_CHECK_FAILED.equals(codes.get(0))) {
              return false;
            }
            // Transaction conflicts and throttling clear up on their own.
            throw ApplicationFailure.newFailureWithCause(
                "writing the "
                    + resource
                    + " in "
                    + region
                    + " was cancelled: "
                    + codes
                    + "; retrying",
                "AuthorityWriteCancelled",
                e);
          }
        });
  }

  private Optional<AuthorityRecord> readLedger(String app, String table, String region) {
    Map<String, AttributeValue> item =
        AwsFailures.call(
            "GetItem",
            "authority ledger of " + app + " in table " + table,
            region,
            () ->
                clients
                    .dynamo(region)
                    .getItem(
                        b ->
                            b.tableName(table)
                                .consistentRead(true)
                                .key(
                                    Map.of(
                                        "pk",
                                        AttributeValue.fromS(app),
                                        "sk",
                                        AttributeValue.fromS(LEDGER_SORT_KEY))))
                    .item());
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    String state = text(item, "state");
    AuthorityState parsed;
    try {
      parsed = AuthorityState.valueOf(Objects.requireNonNullElse(state, ""));
    } catch (IllegalArgumentException e) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the authority ledger item of "
              + app
              + " in table "
              + table
              + " in "
              + region
              + " has state "
              + state
              + ", expected ACTIVE or FENCED",
          DISAGREEMENT);
    }
    AttributeValue epoch = item.get("epoch");
    return Optional.of(
        new AuthorityRecord(
            app,
            text(item, "writerRegion"),
            epoch == null ? 0 : Long.parseLong(epoch.n()),
            parsed,
            text(item, "workflowId"),
            text(item, "updatedAt")));
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

  private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
    if (value != null) {
      item.put(name, AttributeValue.fromS(value));
    }
  }

  private static String text(Map<String, AttributeValue> item, String name) {
    AttributeValue value = item.get(name);
    return value == null ? null : value.s();
  }
}
