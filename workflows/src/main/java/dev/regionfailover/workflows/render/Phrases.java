package dev.regionfailover.workflows.render;

/** Phrases that the texts of several workflows share, so that they read alike everywhere. */
public final class Phrases {

  private Phrases() {}

  /** The first line of a finished run's summary: {@code Failover of orders COMPLETED in 4m 05s}. */
  public static String finished(String kind, String app, Object outcome, long millis, String how) {
    return "%s of %s %s in %s (%s)\n".formatted(kind, app, outcome, Times.duration(millis), how);
  }

  /** Where a run moves the writer; a source not known yet shows as {@code ?}. */
  public static String route(String source, String target) {
    return "%s -> %s".formatted(source == null ? "?" : source, target);
  }
}
