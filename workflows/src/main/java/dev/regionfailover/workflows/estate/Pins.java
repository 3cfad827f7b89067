package dev.regionfailover.workflows.estate;

/**
 * The table of entities pinned to a home region. {@code versionAttribute} may be null, in which
 * case an update is conditioned on the home region alone. A re-pin runs {@code segments} workers in
 * parallel, each moving up to {@code pageSize} entities per step.
 */
public record Pins(
    String table,
    String homeRegionAttribute,
    String index,
    String versionAttribute,
    int segments,
    int pageSize) {

  public static final int DEFAULT_SEGMENTS = 4;
  public static final int DEFAULT_PAGE_SIZE = 99;

  /** A payload written before segments and pages were configurable reads as the defaults. */
  public Pins {
    segments = segments <= 0 ? DEFAULT_SEGMENTS : segments;
    pageSize = pageSize <= 0 ? DEFAULT_PAGE_SIZE : pageSize;
  }

  public Pins(String table, String homeRegionAttribute, String index, String versionAttribute) {
    this(table, homeRegionAttribute, index, versionAttribute, 0, 0);
  }
}
