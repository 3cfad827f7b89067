package dev.regionfailover.workflows.evacuation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides, before anything starts, which apps an evacuation moves, where, and in what order, and
 * refuses a request it cannot honour with every problem at once.
 *
 * <ul>
 *   <li>The apps are the request's {@code apps}, or else every app whose ledger names the region as
 *       its writer. A named app must be known and must not write elsewhere.
 *   <li>Each app goes to the request's target for it, or else its estate's preferred target; the
 *       target must be another region of its estate.
 *   <li>An app starts only after the apps it depends on that are part of the same evacuation. A
 *       dependency that is not part of it (its writer is elsewhere, or the request leaves it out)
 *       is satisfied, since it is not moving; a dependency that no estate describes is an error,
 *       and so is a cycle, named as {@code a -> b -> a}.
 *   <li>Among the apps whose dependencies come first, lower tier first, then by name.
 * </ul>
 */
public final class EvacuationPlanner {

  private static final Comparator<PlannedApp> PRIORITY =
      Comparator.comparingInt(PlannedApp::tier).thenComparing(PlannedApp::app);

  private EvacuationPlanner() {}

  /**
   * The plan for evacuating {@code region}.
   *
   * @param apps the request's apps, or null or empty for every app writing in the region
   * @param targets the request's targets per app, or null
   * @throws InvalidEvacuation naming every problem
   */
  public static EvacuationPlan plan(
      String region, List<Candidate> candidates, List<String> apps, Map<String, String> targets) {
    Map<String, Candidate> known = new TreeMap<>();
    candidates.forEach(c -> known.put(c.app(), c));
    List<String> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Map<String, Candidate> chosen =
        apps == null || apps.isEmpty()
            ? writersIn(region, known, notes)
            : named(region, apps, known, problems);
    if (chosen.isEmpty() && problems.isEmpty()) {
      problems.add(
          "nothing to evacuate: no app's authority ledger names "
              + region
              + " as its writer (writers: "
              + writers(known)
              + "); check the region's name, or name the apps with \"apps\"");
    }
    Map<String, String> wanted = targets == null ? Map.of() : targets;
    wanted.forEach(
        (app, target) -> {
          if (!known.containsKey(app)) {
            problems.add("targets: unknown app " + app + " (known: " + known.keySet() + ")");
          } else if (!chosen.containsKey(app)) {
            problems.add(
                "targets: "
                    + app
                    + " is not part of this evacuation; remove it from targets or add it to apps");
          }
        });
    List<PlannedApp> planned = new ArrayList<>();
    for (Candidate candidate : chosen.values()) {
      String target = target(region, candidate, wanted.get(candidate.app()), problems);
      List<String> inside = new ArrayList<>();
      for (String dependency : candidate.dependsOn()) {
        if (chosen.containsKey(dependency)) {
          inside.add(dependency);
        } else if (!known.containsKey(dependency)) {
          problems.add(
              candidate.app()
                  + ": dependsOn "
                  + dependency
                  + ", which no estate describes; add its estate or remove it from dependsOn");
        } else {
          notes.add(
              candidate.app()
                  + " depends on "
                  + dependency
                  + ", which is not part of this evacuation (writer "
                  + describeWriter(known.get(dependency))
                  + "): treated as satisfied");
        }
      }
      planned.add(
          new PlannedApp(
              candidate.app(), candidate.writerRegion(), target, candidate.tier(), inside));
    }
    problems.addAll(cycles(planned));
    if (!problems.isEmpty()) {
      throw new InvalidEvacuation(problems);
    }
    return new EvacuationPlan(order(planned), notes);
  }

  private static Map<String, Candidate> writersIn(
      String region, Map<String, Candidate> known, List<String> notes) {
    Map<String, Candidate> chosen = new LinkedHashMap<>();
    for (Candidate candidate : known.values()) {
      if (region.equals(candidate.writerRegion())) {
        chosen.put(candidate.app(), candidate);
      } else if (candidate.writerRegion() == null && candidate.regions().contains(region)) {
        notes.add(
            candidate.app()
                + " is not included: "
                + (candidate.problem() != null
                    ? "its ledger cannot be read (" + candidate.problem() + ")"
                    : "its ledger names no writer (" + candidate.ledgerState() + ")")
                + "; name it in apps to evacuate it anyway");
      }
    }
    return chosen;
  }

  private static Map<String, Candidate> named(
      String region, List<String> apps, Map<String, Candidate> known, List<String> problems) {
    Map<String, Candidate> chosen = new TreeMap<>();
    for (String app : new LinkedHashSet<>(apps)) {
      Candidate candidate = known.get(app);
      if (candidate == null) {
        problems.add("apps: unknown app " + app + " (known: " + known.keySet() + ")");
      } else if (!candidate.regions().contains(region)) {
        problems.add(
            "apps: "
                + app
                + " has no region "
                + region
                + " (its regions: "
                + candidate.regions()
                + "); remove it from apps");
      } else if (candidate.writerRegion() != null && !candidate.writerRegion().equals(region)) {
        problems.add(
            "apps: "
                + app
                + " writes in "
                + candidate.writerRegion()
                + ", not "
                + region
                + "; remove it from apps");
      } else {
        chosen.put(app, candidate);
      }
    }
    return chosen;
  }

  private static String target(
      String region, Candidate candidate, String requested, List<String> problems) {
    String app = candidate.app();
    if (requested == null) {
      if (candidate.defaultTarget() == null) {
        problems.add(app + ": its estate has no region other than " + region + " to move to");
      }
      return candidate.defaultTarget();
    }
    if (requested.equals(region)) {
      problems.add(
          "targets: "
              + app
              + " -> "
              + requested
              + " is the evacuated region; choose one of "
              + others(candidate, region));
    } else if (!candidate.regions().contains(requested)) {
      problems.add(
          "targets: "
              + app
              + " -> "
              + requested
              + " is not a region of its estate; choose one of "
              + others(candidate, region));
    }
    return requested;
  }

  private static List<String> others(Candidate candidate, String region) {
    return candidate.regions().stream().filter(r -> !r.equals(region)).toList();
  }

  /** Every dependency cycle among the planned apps, each once, from its first app by name. */
  private static List<String> cycles(List<PlannedApp> planned) {
    Map<String, PlannedApp> byApp = new TreeMap<>();
    planned.forEach(p -> byApp.put(p.app(), p));
    Map<String, Integer> state = new HashMap<>();
    Set<String> found = new LinkedHashSet<>();
    for (String app : byApp.keySet()) {
      visit(app, byApp, state, new ArrayList<>(), found);
    }
    return found.stream().map(cycle -> "dependency cycle: " + cycle).toList();
  }

  private static void visit(
      String app,
      Map<String, PlannedApp> byApp,
      Map<String, Integer> state,
      List<String> path,
      Set<String> found) {
    Integer seen = state.get(app);
    if (seen != null && seen == 2) {
      return;
    }
    if (seen != null) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(app), path.size()));
      found.add(describeCycle(cycle));
      return;
    }
    state.put(app, 1);
    path.add(app);
    for (String dependency : byApp.get(app).dependsOn()) {
      visit(dependency, byApp, state, path, found);
    }
    path.remove(path.size() - 1);
    state.put(app, 2);
  }

  /** The cycle from its first member by name, closed: {@code a -> b -> a}. */
  private static String describeCycle(List<String> cycle) {
    int first = cycle.indexOf(cycle.stream().min(String::compareTo).orElseThrow());
    List<String> rotated = new ArrayList<>(cycle.subList(first, cycle.size()));
    rotated.addAll(cycle.subList(0, first));
    rotated.add(rotated.get(0));
    return String.join(" -> ", rotated);
  }

  /** Kahn's order, taking the ready app of lowest tier, then name, each time. */
  private static List<PlannedApp> order(List<PlannedApp> planned) {
    Map<String, Integer> waiting = new HashMap<>();
    Map<String, List<PlannedApp>> dependents = new HashMap<>();
    PriorityQueue<PlannedApp> ready = new PriorityQueue<>(PRIORITY);
    for (PlannedApp app : planned) {
      waiting.put(app.app(), app.dependsOn().size());
      app.dependsOn().forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(app));
      if (app.dependsOn().isEmpty()) {
        ready.add(app);
      }
    }
    List<PlannedApp> ordered = new ArrayList<>();
    while (!ready.isEmpty()) {
      PlannedApp next = ready.poll();
      ordered.add(next);
      for (PlannedApp dependent : dependents.getOrDefault(next.app(), List.of())) {
        if (waiting.merge(dependent.app(), -1, Integer::sum) == 0) {
          ready.add(dependent);
        }
      }
    }
    return ordered;
  }

  private static String writers(Map<String, Candidate> known) {
    List<String> all = new ArrayList<>();
    known.values().forEach(c -> all.add(c.app() + ": " + describeWriter(c)));
    return all.isEmpty() ? "no estates" : String.join(", ", all);
  }

  private static String describeWriter(Candidate candidate) {
    if (candidate.writerRegion() != null) {
      return candidate.writerRegion();
    }
    return candidate.problem() != null ? "unreadable" : "none";
  }
}
