package dev.regionfailover.activities.traffic;

import java.util.List;
import java.util.Map;

/** Reads and sets the per-region values of one configured traffic layer. */
interface LayerControl {

  /** What the layer is, for messages, such as {@code ARC routing controls}. */
  String describe();

  /** Refuses, non-retryably and before any call, a value this layer cannot take. */
  void check(String region, double value);

  /** Each region's value as AWS has it now. */
  Map<String, Double> read(List<String> regions);

  /** Sets the regions' values, as one change where the layer allows it. */
  void set(Map<String, Double> values);
}
