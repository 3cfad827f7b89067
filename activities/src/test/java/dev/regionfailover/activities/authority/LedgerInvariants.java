package dev.regionfailover.activities.authority;

import dev.regionfailover.activities.ledger.LedgerTable;
import dev.regionfailover.workflows.authority.AuthorityTransition;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The four invariants of the authority ledger, checked after every move of a schedule against every
 * regional copy, read straight from moto so that a copy behind a refused region is checked too:
 *
 * <ol>
 *   <li>no two regions are ACTIVE writers, across the copies that answer or at the newest epoch in
 *       any copy, but for a known gap ({@link #checkOneWriter});
 *   <li>the epoch of a copy never decreases;
 *   <li>a copy changes only through a transition that succeeded for the actor holding the copy's
 *       current epoch, so a FENCED copy becomes ACTIVE only that way; a transition from a stale
 *       epoch never succeeds, unless it finds its own change already written;
 *   <li>every transition has its audit record, and every audit record is a transition.
 * </ol>
 */
final class LedgerInvariants {

  /** What a copy says: its ledger item, or {@link #NONE} when it has none. */
  record Copy(long epoch, String state, String writer, String workflowId) {

    static final Copy NONE = new Copy(0, "NONE", null, null);

    static Copy of(Map<String, AttributeValue> item) {
      return new Copy(
          LedgerTable.epoch(item),
          LedgerTable.text(item, "state"),
          LedgerTable.text(item, "writerRegion"),
          LedgerTable.text(item, "workflowId"));
    }

    static Copy resultOf(AuthorityTransition request) {
      return new Copy(
          request.newEpoch(), request.state().name(), request.writerRegion(), request.workflowId());
    }
  }

  private final Map<String, DynamoDbClient> copies;
  private final String app;
  private final String table;
  private final Set<String> refused;
  private final Set<String> diverged;
  private final Map<String, Copy> seen = new HashMap<>();
  private final Map<String, Map<Long, Copy>> transitions = new HashMap<>();
  private final Map<String, List<Map<String, AttributeValue>>> lastRead = new HashMap<>();

  /**
   * @param copies a client per region that reaches its copy whatever the stand-in refuses
   * @param refused the regions the stand-in refuses now, whose copies do not answer
   * @param diverged the regions whose copy a recovery left as it was, because they did not answer,
   *     and that no transition planned from every copy's epoch read since wrote again
   */
  LedgerInvariants(
      Map<String, DynamoDbClient> copies,
      String app,
      String table,
      Set<String> refused,
      Set<String> diverged) {
    this.copies = copies;
    this.refused = refused;
    this.diverged = diverged;
    this.app = app;
    this.table = table;
    copies.keySet().forEach(region -> seen.put(region, Copy.NONE));
    copies.keySet().forEach(region -> transitions.put(region, new TreeMap<>()));
    copies.keySet().forEach(region -> lastRead.put(region, List.of()));
  }

  /**
   * Checks every invariant after a move that made the transition calls {@code calls}, in order. It
   * reads afresh only the copies that a call was sent to: no other request writes the ledger, so a
   * copy that no call reached is as it was at its last read. {@link #checkEveryCopy()} reads them
   * all.
   *
   * @throws AssertionError naming the invariant broken and the copies that break it
   */
  void check(List<ScheduleActor.Call> calls) {
    Set<String> reached = new HashSet<>();
    calls.forEach(call -> reached.addAll(call.request().regions()));
    check(calls, reached);
  }

  /**
   * Reads every copy afresh and checks every invariant, as after a move that made no call: any
   * change found is one that no transition made.
   */
  void checkEveryCopy() {
    check(List.of(), copies.keySet());
  }

  /** The items of the app in the region's copy as last read: the ledger item and its audit. */
  List<Map<String, AttributeValue>> itemsRead(String region) {
    return lastRead.get(region);
  }

  private void check(List<ScheduleActor.Call> calls, Set<String> reached) {
    reached.forEach(region -> lastRead.put(region, items(region)));
    Map<String, Copy> now = new HashMap<>();
    lastRead.forEach((region, found) -> now.put(region, ledger(found)));
    for (String region : copies.keySet()) {
      Copy before = seen.get(region);
      Copy after = now.get(region);
      if (after.epoch() < before.epoch()) {
        fail(2, region + " went from epoch " + before.epoch() + " back to " + after.epoch(), now);
      }
      List<ScheduleActor.Call> succeeded =
          calls.stream()
              .filter(call -> call.succeeded() && call.request().regions().contains(region))
              .toList();
      if (succeeded.size() > 1) {
        fail(3, "two transitions of " + region + " succeeded in one move: " + succeeded, now);
      }
      if (!after.equals(before)) {
        checkChange(succeeded, region, before, after, now);
        transitions.get(region).put(after.epoch(), after);
      } else if (!succeeded.isEmpty() && !after.equals(Copy.resultOf(succeeded.get(0).request()))) {
        fail(3, succeeded + " reported success but " + region + " still says " + after, now);
      }
    }
    checkOneWriter(now);
    for (String region : copies.keySet()) {
      Map<Long, Copy> audit = audit(lastRead.get(region));
      if (!audit.equals(transitions.get(region))) {
        fail(
            4,
            region + " has audit " + audit + " for the transitions " + transitions.get(region),
            now);
      }
    }
    seen.putAll(now);
  }

  /**
   * Invariant 1: across the copies that answer, and at the newest epoch across every copy whether
   * it answers or not, at most one region is the ACTIVE writer. Both leave out a diverged copy: one
   * that a recovery left as it was because its region did not answer, until a transition writes it
   * that its actor planned from every copy's epoch read after the copy diverged. That is the known
   * gap {@code docs/authority-invariants.md} describes, which the recovery reports.
   */
  private void checkOneWriter(Map<String, Copy> now) {
    Map<String, Copy> comparable = new TreeMap<>(now);
    comparable.keySet().removeAll(diverged);
    long newest = comparable.values().stream().mapToLong(Copy::epoch).max().orElse(0);
    List<String> newestWriters =
        comparable.values().stream()
            .filter(copy -> copy.epoch() == newest && "ACTIVE".equals(copy.state()))
            .map(Copy::writer)
            .distinct()
            .toList();
    if (newestWriters.size() > 1) {
      fail(1, "regions " + newestWriters + " are ACTIVE writers at epoch " + newest, now);
    }
    List<String> writers =
        comparable.entrySet().stream()
            .filter(entry -> !refused.contains(entry.getKey()))
            .map(Map.Entry::getValue)
            .filter(copy -> "ACTIVE".equals(copy.state()))
            .map(Copy::writer)
            .distinct()
            .toList();
    if (writers.size() > 1) {
      fail(1, "regions " + writers + " are ACTIVE writers in copies that answer", now);
    }
  }

  private void checkChange(
      List<ScheduleActor.Call> succeeded,
      String region,
      Copy before,
      Copy after,
      Map<String, Copy> now) {
    String change = region + " changed from " + before + " to " + after;
    if (succeeded.isEmpty()) {
      fail(3, change + " but no transition of it succeeded", now);
    }
    ScheduleActor.Call call = succeeded.get(0);
    AuthorityTransition request = call.request();
    if (request.expectedEpoch() != before.epoch()) {
      String what =
          "FENCED".equals(before.state()) && "ACTIVE".equals(after.state())
              ? "a FENCED copy became writer"
              : "a copy changed";
      fail(3, what + " through a stale epoch: " + change + " by " + call, now);
    }
    if (!after.equals(Copy.resultOf(request))) {
      fail(3, change + ", which is not what " + call + " writes", now);
    }
  }

  /** The ledger item and the audit items of the app in the region's copy, in one query. */
  private List<Map<String, AttributeValue>> items(String region) {
    return copies
        .get(region)
        .query(
            b ->
                b.tableName(table)
                    .consistentRead(true)
                    .keyConditionExpression("pk = :app")
                    .expressionAttributeValues(Map.of(":app", AttributeValue.fromS(app))))
        .items();
  }

  private static Copy ledger(List<Map<String, AttributeValue>> items) {
    return items.stream()
        .filter(item -> LedgerTable.LEDGER_SORT_KEY.equals(LedgerTable.text(item, "sk")))
        .map(Copy::of)
        .findFirst()
        .orElse(Copy.NONE);
  }

  /** The audit items among the items, by epoch. */
  private static Map<Long, Copy> audit(List<Map<String, AttributeValue>> items) {
    return items.stream()
        .filter(item -> LedgerTable.text(item, "sk").startsWith("audit#"))
        .map(Copy::of)
        .collect(Collectors.toMap(Copy::epoch, copy -> copy, (a, b) -> a, TreeMap::new));
  }

  private static void fail(int invariant, String what, Map<String, Copy> now) {
    throw new AssertionError(
        "invariant " + invariant + " broken: " + what + "; copies now " + new TreeMap<>(now));
  }
}
