package dev.regionfailover.workflows.detection;

/** The monitor's verdict on a region. */
public enum RegionVerdict {
  HEALTHY,
  IMPAIRED
}
