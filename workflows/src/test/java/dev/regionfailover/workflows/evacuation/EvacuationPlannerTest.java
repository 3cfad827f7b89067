package dev.regionfailover.workflows.evacuation;

import static dev.regionfailover.workflows.evacuation.TestCandidates.EAST;
import static dev.regionfailover.workflows.evacuation.TestCandidates.OHIO;
import static dev.regionfailover.workflows.evacuation.TestCandidates.WEST;
import static dev.regionfailover.workflows.evacuation.TestCandidates.app;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvacuationPlannerTest {

  @Test
  void movesEveryAppWritingInTheRegionDependenciesFirstThenByTierAndName() {
    List<Candidate> candidates =
        List.of(
            app("web", EAST, 1, "orders", "payments"),
            app("orders", EAST, 5, "payments"),
            app("payments", EAST, 5),
            app("audit", EAST, 2),
            app("search", EAST, 5),
            app("billing", WEST, 1));

    EvacuationPlan plan = EvacuationPlanner.plan(EAST, candidates, null, null);

    // audit (tier 2) before payments (tier 5, first by name); web, though tier 1, waits for both
    // of its dependencies, then goes before search (tier 5); billing writes in west and stays.
    assertThat(plan.apps())
        .extracting(PlannedApp::app)
        .containsExactly("audit", "payments", "orders", "web", "search");
    assertThat(plan.apps()).allSatisfy(p -> assertThat(p.target()).isEqualTo(WEST));
    assertThat(plan.apps().get(3).dependsOn()).containsExactly("orders", "payments");
  }

  @Test
  void aDependencyThatIsNotEvacuatedIsSatisfiedAndNoted() {
    List<Candidate> candidates = List.of(app("web", EAST, 5, "billing"), app("billing", WEST, 5));

    EvacuationPlan plan = EvacuationPlanner.plan(EAST, candidates, null, null);

    assertThat(plan.apps()).singleElement().satisfies(p -> assertThat(p.dependsOn()).isEmpty());
    assertThat(plan.notes())
        .containsExactly(
            "web depends on billing, which is not part of this evacuation (writer us-west-2):"
                + " treated as satisfied");
  }

  @Test
  void namesEachCycleOnceFromItsFirstApp() {
    List<Candidate> candidates =
        List.of(
            app("b", EAST, 5, "a"),
            app("a", EAST, 5, "b"),
            app("c", EAST, 5, "d"),
            app("d", EAST, 5, "e"),
            app("e", EAST, 5, "c"),
            app("f", EAST, 5, "a"));

    InvalidEvacuation invalid =
        catchThrowableOfType(
            InvalidEvacuation.class, () -> EvacuationPlanner.plan(EAST, candidates, null, null));

    assertThat(invalid.problems())
        .containsExactly("dependency cycle: a -> b -> a", "dependency cycle: c -> d -> e -> c");
  }

  @Test
  void listsEveryUnknownAppAndBadTargetAtOnce() {
    List<Candidate> candidates =
        List.of(
            app("orders", EAST, 5, "ghost"),
            app("payments", EAST, 5),
            app("search", EAST, 5),
            app("billing", WEST, 5));

    InvalidEvacuation invalid =
        catchThrowableOfType(
            InvalidEvacuation.class,
            () ->
                EvacuationPlanner.plan(
                    EAST,
                    candidates,
                    List.of("orders", "payments", "search", "nope", "billing"),
                    Map.of("payments", EAST, "search", OHIO, "other", WEST)));

    assertThat(invalid.problems())
        .containsExactlyInAnyOrder(
            "apps: unknown app nope (known: [billing, orders, payments, search])",
            "apps: billing writes in us-west-2, not us-east-1; remove it from apps",
            "targets: unknown app other (known: [billing, orders, payments, search])",
            "targets: payments -> us-east-1 is the evacuated region; choose one of [us-west-2]",
            "targets: search -> us-east-2 is not a region of its estate; choose one of"
                + " [us-west-2]",
            "orders: dependsOn ghost, which no estate describes; add its estate or remove it from"
                + " dependsOn");
    assertThat(invalid.getMessage()).startsWith("invalid evacuation:\n  ");
  }

  @Test
  void aTargetForAnAppOutsideTheEvacuationIsRefused() {
    List<Candidate> candidates = List.of(app("orders", EAST, 5), app("billing", WEST, 5));

    InvalidEvacuation invalid =
        catchThrowableOfType(
            InvalidEvacuation.class,
            () -> EvacuationPlanner.plan(EAST, candidates, null, Map.of("billing", EAST)));

    assertThat(invalid.problems())
        .containsExactly(
            "targets: billing is not part of this evacuation; remove it from targets or add it"
                + " to apps");
  }

  @Test
  void aRegionWithoutWritersIsRefusedWithWhereEachAppWrites() {
    List<Candidate> candidates = List.of(app("orders", WEST, 5), app("billing", null, 5));

    InvalidEvacuation invalid =
        catchThrowableOfType(
            InvalidEvacuation.class, () -> EvacuationPlanner.plan(EAST, candidates, null, null));

    assertThat(invalid.problems())
        .containsExactly(
            "nothing to evacuate: no app's authority ledger names us-east-1 as its writer"
                + " (writers: billing: none, orders: us-west-2); check the region's name, or name"
                + " the apps with \"apps\"");
  }

  @Test
  void aFencedAppIsLeftOutUnlessNamed() {
    List<Candidate> candidates = List.of(app("orders", EAST, 5), app("billing", null, 5));

    EvacuationPlan byDefault = EvacuationPlanner.plan(EAST, candidates, null, null);
    EvacuationPlan named = EvacuationPlanner.plan(EAST, candidates, List.of("billing"), null);

    assertThat(byDefault.apps()).extracting(PlannedApp::app).containsExactly("orders");
    assertThat(byDefault.notes())
        .containsExactly(
            "billing is not included: its ledger names no writer (FENCED); name it in apps to"
                + " evacuate it anyway");
    assertThat(named.apps()).extracting(PlannedApp::app).containsExactly("billing");
  }

  @Test
  void threeRegionsSendEachAppToItsOwnPreferredTarget() {
    List<String> three = List.of(EAST, WEST, OHIO);
    List<Candidate> candidates =
        List.of(
            app("orders", EAST, three, List.of(EAST, OHIO, WEST), 5),
            app("payments", EAST, three, List.of(WEST, OHIO), 5),
            app("search", EAST, three, null, 5));

    EvacuationPlan plan = EvacuationPlanner.plan(EAST, candidates, null, Map.of("search", OHIO));

    assertThat(plan.apps())
        .extracting(PlannedApp::app, PlannedApp::target)
        .containsExactly(tuple("orders", OHIO), tuple("payments", WEST), tuple("search", OHIO));
  }
}
