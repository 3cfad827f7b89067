package dev.regionfailover.activities.traffic;

import io.temporal.failure.ApplicationFailure;
import java.util.Map;
import java.util.TreeMap;

/** The failure types of the traffic activities, and the checks several layers share. */
public final class TrafficFailures {

  /** An update refused because it would leave no region taking traffic. */
  public static final String SAFETY_RULE = "TrafficSafetyRule";

  /** The layer, or one region of it, is not configured in the estate. */
  public static final String NOT_CONFIGURED = "TrafficLayerNotConfigured";

  /** A layer these activities do not change, such as a SIMPLE Route 53 record. */
  public static final String UNSUPPORTED = "UnsupportedTrafficLayer";

  /** A value the layer cannot take, such as a weight above 255. */
  public static final String INVALID_VALUE = "InvalidTrafficValue";

  /** A resource the estate names does not exist in the form the layer needs. */
  public static final String NOT_FOUND = "TrafficResourceNotFound";

  /** What was read back after a change is not what was set. */
  public static final String READ_BACK_MISMATCH = "TrafficReadBackMismatch";

  /** No ARC cluster endpoint could serve a call. */
  public static final String ARC_UNAVAILABLE = "ArcClusterUnavailable";

  private TrafficFailures() {}

  /** The estate's entry for {@code region}, or a non-retryable failure naming what is missing. */
  static String configured(Map<String, String> entries, String region, String what) {
    String entry = entries.get(region);
    if (entry == null || entry.isBlank()) {
      throw ApplicationFailure.newNonRetryableFailure(
          "the estate names no " + what + " for region " + region + " (it has " + entries + ")",
          NOT_CONFIGURED);
    }
    return entry;
  }

  /** Refuses anything but 0 (off) and 1 (on). */
  static void onOrOff(String layer, String region, double value) {
    if (value != 0 && value != 1) {
      throw invalid(layer, region, value, "0 (off) or 1 (on)");
    }
  }

  static ApplicationFailure invalid(String layer, String region, double value, String allowed) {
    return ApplicationFailure.newNonRetryableFailure(
        layer + " cannot set " + region + " to " + value + "; it takes " + allowed, INVALID_VALUE);
  }

  /** Values in region order, for messages. */
  static Map<String, Double> sorted(Map<String, Double> values) {
    return new TreeMap<>(values);
  }
}
