package dev.regionfailover.workflows.visibility;

import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Upserts the project's {@link SearchAttributes} from workflow code. An upsert is a command in the
 * workflow's history, so it is a change of running logic: each run asks {@link #enabled()} once,
 * before its first upsert, and a run whose history was recorded before this change replays without
 * any.
 */
public final class SearchAttributeUpserts {

  /** The Workflow.getVersion change id under which every workflow type upserts its attributes. */
  public static final String CHANGE_ID = "search-attributes";

  private SearchAttributeUpserts() {}

  /** Whether this run upserts search attributes; call it only from workflow code. */
  public static boolean enabled() {
    return Workflow.getVersion(CHANGE_ID, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  /**
   * Sets every keyword of {@code values} whose value is not blank, in one upsert; a blank value
   * (from a request that names no app, say) is left unset rather than indexed as empty.
   */
  public static void upsert(Map<SearchAttributeKey<String>, String> values) {
    List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
    values.forEach(
        (key, value) -> {
          if (value != null && !value.isBlank()) {
            updates.add(SearchAttributeUpdate.valueSet(key, value));
          }
        });
    if (!updates.isEmpty()) {
      Workflow.upsertTypedSearchAttributes(updates.toArray(new SearchAttributeUpdate<?>[0]));
    }
  }

  /**
   * The upsert of the workflows that act for one app and have no other attribute: {@link
   * SearchAttributes#FAILOVER_APP}, if this run upserts at all.
   */
  public static void app(String app) {
    if (enabled()) {
      upsert(Map.of(SearchAttributes.FAILOVER_APP, app == null ? "" : app));
    }
  }
}
