package dev.regionfailover.activities.authority;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One random schedule of the authority invariants property: the actors that race for the same app's
 * authority, and the moves that interleave them. Its text is what jqwik prints for a failing,
 * shrunk schedule, so it reads as the story of the run.
 */
record Schedule(List<Actor> actors, List<Move> moves) {

  /** What an actor is: a failover to a target region, or a recovery settling on a writer. */
  enum Kind {
    /** Reads the agreed epoch e, fences every copy at e+1, then activates every copy at e+2. */
    FAILOVER,
    /**
     * Reads each copy's epoch; with n the newest, fences each copy from its own epoch to n+1, then
     * activates every copy it fenced at n+2, as {@code RecoveryExecution} does. A copy outside the
     * writer's region that does not answer, when read or when written, is left as it was.
     */
    RECOVERY
  }

  /** An actor of the schedule, {@code #index}; {@code region} is its target or chosen writer. */
  record Actor(Kind kind, String region) {}

  /** What a move does. */
  enum Action {
    /** The actor makes its next call: the read, then the next transition of its plan. */
    ADVANCE,
    /** The actor sends its last transition again, the same request, whatever came of it. */
    RETRY,
    /**
     * The actor advances, and the next actor after it advances too, between the first's read and
     * its write: inside the first call's read of the ledger.
     */
    INTERLEAVE,
    /** The actor stops for good, mid-way or not. */
    ABORT,
    /** The region's endpoints refuse every connection from now on. */
    REFUSE,
    /** The region answers again. */
    RESTORE
  }

  /**
   * One move: an action of actor {@code actor} (modulo the number of actors) or on a region; {@code
   * rival} is the actor that an {@link Action#INTERLEAVE} runs inside it, the one after {@code
   * actor}.
   */
  record Move(Action action, int actor, String region, int rival) {

    Move(Action action, int actor, String region) {
      this(action, actor, region, actor + 1);
    }

    @Override
    public String toString() {
      return switch (action) {
        case REFUSE, RESTORE -> action.name().toLowerCase() + " " + region;
        case INTERLEAVE -> "advance #" + actor + " with #" + rival + " inside";
        default -> action.name().toLowerCase() + " #" + actor;
      };
    }
  }

  /** The move with its actor index folded into the schedule's actors. */
  Move resolve(Move move) {
    int actor = move.actor() % actors.size();
    return new Move(move.action(), actor, move.region(), (actor + 1) % actors.size());
  }

  @Override
  public String toString() {
    String cast =
        IntStream.range(0, actors.size())
            .mapToObj(
                i ->
                    "#"
                        + i
                        + " "
                        + actors.get(i).kind().name().toLowerCase()
                        + " to "
                        + actors.get(i).region())
            .collect(Collectors.joining(", "));
    String story = moves.stream().map(this::resolve).map(Move::toString).toList().toString();
    return "Schedule{" + cast + "; moves " + story + "}";
  }
}
