package dev.regionfailover.workflows.authority;

/**
 * The authority ledger item of an app: which region may write ({@code null} while fenced), the
 * fencing epoch, and the workflow that made the last change.
 */
public record AuthorityRecord(
    String app,
    String writerRegion,
    long epoch,
    AuthorityState state,
    String workflowId,
    String updatedAt) {

  public static AuthorityRecord none(String app) {
    return new AuthorityRecord(app, null, 0, AuthorityState.NONE, null, null);
  }
}
