package dev.regionfailover.workflows.reconcile;

import java.util.List;

/**
 * The conflicts of one replicated table: how many items of the old region were compared, how many
 * differ from the writer region ({@code total}, of which {@code listed} shows the first), and how
 * many exist only in the old region (written there and never replicated).
 */
public record TableConflicts(
    String table,
    String oldRegion,
    String writerRegion,
    long compared,
    long total,
    long onlyInOldRegion,
    List<ItemConflict> listed) {

  public TableConflicts {
    listed = listed == null ? List.of() : List.copyOf(listed);
  }
}
