package dev.regionfailover.devtools.bench;

import dev.regionfailover.devstack.aws.TimedCall;
import dev.regionfailover.workflows.render.TextTable;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The AWS calls of a failover by service, against the least it could have made: one call per
 * distinct operation on a distinct resource, since each step must read or change each resource it
 * touches at least once. What is above that is repetition: polls of a change in progress,
 * read-backs that verify a change, and the checks that make a retried step safe.
 */
final class CallCounts {

  /** Operations that only read, by the AWS naming convention. */
  private static final Pattern READ =
      Pattern.compile("(Describe|Get|List|Query|Scan|BatchGet|Search).*");

  private record Counts(long calls, long mutating, long distinct) {}

  /** How often one operation was called, and on how many distinct resources. */
  private record Repeats(String service, String operation, long calls, long distinct) {}

  private final Map<String, Counts> byService;
  private final List<Repeats> repeats;

  private CallCounts(Map<String, Counts> byService, List<Repeats> repeats) {
    this.byService = byService;
    this.repeats = repeats;
  }

  static CallCounts of(List<TimedCall> calls) {
    Map<String, List<TimedCall>> grouped =
        calls.stream()
            .collect(Collectors.groupingBy(TimedCall::service, TreeMap::new, Collectors.toList()));
    Map<String, Counts> byService = new TreeMap<>();
    grouped.forEach(
        (service, serviceCalls) -> {
          long mutating =
              serviceCalls.stream()
                  .filter(call -> !READ.matcher(call.operation()).matches())
                  .count();
          Set<List<Object>> distinct =
              serviceCalls.stream()
                  .map(call -> List.<Object>of(call.operation(), call.region(), call.resources()))
                  .collect(Collectors.toSet());
          byService.put(service, new Counts(serviceCalls.size(), mutating, distinct.size()));
        });
    List<Repeats> repeats =
        calls.stream()
            .collect(
                Collectors.groupingBy(
                    call -> List.of(call.service(), call.operation()), Collectors.toList()))
            .entrySet()
            .stream()
            .map(
                entry ->
                    new Repeats(
                        entry.getKey().get(0),
                        entry.getKey().get(1),
                        entry.getValue().size(),
                        entry.getValue().stream()
                            .map(call -> List.<Object>of(call.region(), call.resources()))
                            .distinct()
                            .count()))
            .sorted(Comparator.comparingLong((Repeats r) -> r.calls() - r.distinct()).reversed())
            .toList();
    return new CallCounts(byService, repeats);
  }

  /** The operations called most often beyond once per resource, {@code limit} of them. */
  String renderRepeats(String indent, int limit) {
    TextTable table = new TextTable(4).row("service", "operation", "calls", "distinct resources");
    repeats.stream()
        .limit(limit)
        .forEach(r -> table.row(r.service(), r.operation(), r.calls(), r.distinct()));
    return table.render(indent);
  }

  long total() {
    return byService.values().stream().mapToLong(Counts::calls).sum();
  }

  long least() {
    return byService.values().stream().mapToLong(Counts::distinct).sum();
  }

  /** The table: service, calls, of which mutating, least needed, and calls over the least. */
  String render(String indent) {
    TextTable table =
        new TextTable(5).row("service", "calls", "mutating", "least", "calls / least");
    byService.forEach(
        (service, counts) ->
            table.row(
                service,
                counts.calls(),
                counts.mutating(),
                counts.distinct(),
                String.format("%.1f", (double) counts.calls() / counts.distinct())));
    table.row(
        "all",
        total(),
        byService.values().stream().mapToLong(Counts::mutating).sum(),
        least(),
        String.format("%.1f", (double) total() / least()));
    return table.render(indent);
  }
}
