package dev.regionfailover.activities.pins;

import java.util.List;

/**
 * What a re-pin needs to know of a pins table: its key attributes, and whether its home-region
 * index projects the version attribute (when it does not, each entity is read before its update).
 */
public record TableShape(List<String> keyAttributes, boolean indexHasVersion) {

  public TableShape {
    keyAttributes = List.copyOf(keyAttributes);
  }
}
