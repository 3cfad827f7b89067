package dev.regionfailover.workflows.evacuation;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.regionfailover.workflows.input.StrictRecordDeserializer;
import java.util.List;
import java.util.Map;

/**
 * What the operator asks for, as typed into the Temporal CLI or UI:
 *
 * <pre>{"region":"us-east-1","mode":"UNPLANNED","reason":"region impaired","requestedBy":"alice"}
 * </pre>
 *
 * <p>{@code region}, {@code mode} and {@code requestedBy} are required. {@code apps} defaults to
 * every app whose authority ledger names {@code region} as its writer; {@code targets} maps an app
 * to the region it moves to, and defaults per app to the estate's preferred target. {@code
 * approval} is {@code PER_APP} (the default: operators approve each {@code failover-<app>}) or
 * {@code ONCE} (the evacuation's own {@code approvePromotion} signal is forwarded to every app).
 * {@code maxConcurrent} bounds the failovers running at once (default {@value
 * #DEFAULT_CONCURRENCY}).
 */
@JsonDeserialize(using = StrictRecordDeserializer.class)
public record EvacuationRequest(
    String region,
    String mode,
    String reason,
    String requestedBy,
    List<String> apps,
    Map<String, String> targets,
    String approval,
    Integer maxConcurrent) {

  /** How many failovers run at once when the request names no bound. */
  public static final int DEFAULT_CONCURRENCY = 10;

  /**
   * The largest bound accepted; beyond it the account-wide quotas, not this bound, set the pace.
   */
  public static final int MAX_CONCURRENCY = 100;

  /** The workflow id that makes at most one evacuation per region run at a time. */
  public static String workflowId(String region) {
    return "evacuate-" + region;
  }
}
