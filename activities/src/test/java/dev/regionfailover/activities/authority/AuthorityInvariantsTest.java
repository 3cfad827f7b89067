package dev.regionfailover.activities.authority;

import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsSettings;
import dev.regionfailover.activities.aws.EmulatedAws;
import dev.regionfailover.devstack.aws.AwsStack;
import dev.regionfailover.devstack.aws.EmulatorClients;
import dev.regionfailover.workflows.authority.AuthorityState;
import dev.regionfailover.workflows.authority.AuthorityTransition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The authority invariants of {@link LedgerInvariants} under random schedules: two or three
 * failovers and recoveries of one app race through the real {@link AuthorityActivitiesImpl} against
 * moto behind the stand-in, with retries of the same request (after a success too), aborts and
 * regions that refuse connections for a while. Every schedule gets a fresh app, seeded ACTIVE in
 * us-east-1 at epoch 1 in every copy straight into moto, and its items are deleted when it ends.
 * The number of schedules is jqwik's {@code jqwik.tries.default} ({@code
 * src/test/resources/junit-platform.properties}; {@code -Djqwik.tries.default=100000} runs the full
 * count). See {@code docs/authority-invariants.md}.
 */
class AuthorityInvariantsTest {

  private static final String TABLE = "failover-authority";
  private static final List<String> REGIONS = List.of("us-east-1", "us-west-2");
  private static final AtomicInteger APPS = new AtomicInteger();

  private static AwsStack stack;
  private static EmulatorClients moto;
  private static AwsClients clients;
  private static AuthorityActivitiesImpl activities;
  private static Interleaving interleaving;

  @BeforeContainer
  static void startAws() {
    stack = AwsStack.start();
    moto = new EmulatorClients(stack.moto().endpoint());
    // One attempt per call: a refused region fails at once, and the schedule decides on retries.
    AwsSettings emulated = EmulatedAws.settings(stack);
    interleaving = new Interleaving();
    clients =
        new AwsClients(
            new AwsSettings(
                Optional.of(stack.endpoint()),
                emulated.credentials(),
                Duration.ofSeconds(20),
                Duration.ofSeconds(10),
                1),
            List.of(interleaving));
    activities = new AuthorityActivitiesImpl(clients);
    REGIONS.forEach(region -> LedgerTables.create(moto.dynamo(region), TABLE));
  }

  @AfterContainer
  static void stopAws() {
    clients.close();
    moto.close();
    stack.close();
  }

  @Property(shrinking = ShrinkingMode.FULL)
  void everyMoveKeepsTheAuthorityInvariants(@ForAll("schedules") Schedule schedule) {
    stack.standIn().faults().clear();
    String app = "app-" + APPS.incrementAndGet();
    Map<String, DynamoDbClient> copies = new LinkedHashMap<>();
    REGIONS.forEach(region -> copies.put(region, moto.dynamo(region)));
    Set<String> refused = new HashSet<>();
    Map<String, Integer> divergedAt = new HashMap<>();
    Map<String, Integer> plannedAt = new HashMap<>();
    LedgerInvariants invariants =
        new LedgerInvariants(copies, app, TABLE, refused, divergedAt.keySet());
    AuthorityTransition seed =
        new AuthorityTransition(
            app, TABLE, REGIONS, 0, 1, AuthorityState.ACTIVE, REGIONS.get(0), "seed", "seed");
    REGIONS.forEach(region -> LedgerTables.seed(moto.dynamo(region), seed));
    invariants.check(List.of(new ScheduleActor.Call("seed", seed, true, null)));

    List<ScheduleActor> actors =
        IntStream.range(0, schedule.actors().size())
            .mapToObj(
                i ->
                    new ScheduleActor(
                        "#" + i, schedule.actors().get(i), activities, app, TABLE, REGIONS))
            .toList();
    int transitions = 0;
    int interleaved = 0;
    try {
      for (int i = 0; i < schedule.moves().size(); i++) {
        Schedule.Move move = schedule.resolve(schedule.moves().get(i));
        List<ScheduleActor.Call> calls = play(move, actors, refused);
        track(i, divergedAt, plannedAt, actors, calls);
        transitions += (int) calls.stream().filter(ScheduleActor.Call::succeeded).count();
        interleaved += calls.size() > 1 ? 1 : 0;
        try {
          invariants.check(calls);
        } catch (AssertionError broken) {
          throw new AssertionError(
              "after move " + i + " (" + move + ", " + calls + "): " + broken.getMessage(), broken);
        }
      }
      // Every region answers again in the end, and every copy is read afresh.
      stack.standIn().faults().clear();
      refused.clear();
      try {
        invariants.checkEveryCopy();
      } catch (AssertionError broken) {
        throw new AssertionError(
            "after the last move, with every region answering again: " + broken.getMessage(),
            broken);
      }
    } finally {
      interleaving.disarm();
      stack.standIn().faults().clear();
      REGIONS.forEach(
          region -> LedgerTables.delete(moto.dynamo(region), TABLE, invariants.itemsRead(region)));
    }
    // Shows that schedules do race: most make changes, and some let an actor finish.
    Statistics.label("transitions that succeeded").collect(Math.min(transitions, 8));
    Statistics.label("moves with a rival's transition inside").collect(Math.min(interleaved, 4));
    Statistics.label("actors that finished")
        .collect(actors.stream().filter(ScheduleActor::finished).count());
    Statistics.label("a recovery left a copy as it was")
        .collect(actors.stream().anyMatch(actor -> !actor.coversEveryCopy()));
  }

  /**
   * Keeps {@code divergedAt} (the move at which each diverged copy diverged) up to date after move
   * {@code move}: a copy diverges when a recovery leaves it as it was, and rejoins when a
   * transition writes it that was planned from every copy's epoch after the copy diverged. {@code
   * plannedAt} records the move at which each actor planned.
   */
  private static void track(
      int move,
      Map<String, Integer> divergedAt,
      Map<String, Integer> plannedAt,
      List<ScheduleActor> actors,
      List<ScheduleActor.Call> calls) {
    for (ScheduleActor actor : actors) {
      if (actor.planned()) {
        plannedAt.putIfAbsent(actor.id(), move);
      }
      actor.takeNewlyLeft().forEach(region -> divergedAt.put(region, move));
    }
    for (ScheduleActor.Call call : calls) {
      boolean fromEveryCopy =
          actors.stream()
              .filter(actor -> actor.id().equals(call.actor()))
              .allMatch(ScheduleActor::coversEveryCopy);
      if (call.succeeded() && fromEveryCopy) {
        int planned = plannedAt.get(call.actor());
        call.request()
            .regions()
            .forEach(
                region -> divergedAt.computeIfPresent(region, (r, at) -> planned > at ? null : at));
      }
    }
  }

  /** Plays a move; returns the transition calls it made, in the order they were sent. */
  private static List<ScheduleActor.Call> play(
      Schedule.Move move, List<ScheduleActor> actors, Set<String> refused) {
    ScheduleActor actor = actors.get(move.actor());
    List<ScheduleActor.Call> calls = new ArrayList<>();
    switch (move.action()) {
      case ADVANCE -> calls.add(actor.advance());
      case RETRY -> calls.add(actor.retry());
      case INTERLEAVE -> {
        interleaving.arm(() -> calls.add(actors.get(move.rival()).advance()));
        ScheduleActor.Call first = actor.advance();
        interleaving.disarm();
        calls.add(first);
      }
      case ABORT -> actor.abort();
      case REFUSE -> {
        stack.standIn().faults().refuseRegion(move.region());
        refused.add(move.region());
      }
      case RESTORE -> {
        stack.standIn().faults().restoreRegion(move.region());
        refused.remove(move.region());
      }
    }
    return calls.stream().filter(call -> call.request() != null).toList();
  }

  @Provide
  Arbitrary<Schedule> schedules() {
    Arbitrary<String> region = Arbitraries.of(REGIONS);
    Arbitrary<Schedule.Actor> actor =
        Combinators.combine(Arbitraries.of(Schedule.Kind.class), region).as(Schedule.Actor::new);
    Arbitrary<Schedule.Move> move =
        Arbitraries.frequencyOf(
            Tuple.of(12, byActor(Schedule.Action.ADVANCE)),
            Tuple.of(3, byActor(Schedule.Action.RETRY)),
            Tuple.of(4, byActor(Schedule.Action.INTERLEAVE)),
            Tuple.of(1, byActor(Schedule.Action.ABORT)),
            Tuple.of(1, onRegion(Schedule.Action.REFUSE, region)),
            Tuple.of(2, onRegion(Schedule.Action.RESTORE, region)));
    return Combinators.combine(
            actor.list().ofMinSize(2).ofMaxSize(3),
            move.list()
                .ofMinSize(1)
                .ofMaxSize(40)
                .withSizeDistribution(RandomDistribution.uniform()))
        .as(Schedule::new);
  }

  private static Arbitrary<Schedule.Move> byActor(Schedule.Action action) {
    return Arbitraries.integers().between(0, 2).map(i -> new Schedule.Move(action, i, null));
  }

  private static Arbitrary<Schedule.Move> onRegion(
      Schedule.Action action, Arbitrary<String> region) {
    return region.map(r -> new Schedule.Move(action, 0, r));
  }
}
