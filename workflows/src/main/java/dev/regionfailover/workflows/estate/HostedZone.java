package dev.regionfailover.workflows.estate;

/**
 * A Route 53 hosted zone named either by its id or by its name (ending in a dot). Exactly one of
 * the two is set; the id wins when both public and private zones share a name.
 */
public record HostedZone(String id, String name) {

  public String describe() {
    return id != null ? id : name;
  }
}
