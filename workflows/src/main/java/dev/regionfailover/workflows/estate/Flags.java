package dev.regionfailover.workflows.estate;

/**
 * Feature flags in SSM Parameter Store. {@code writesEnabledParameter} contains {@code {region}},
 * replaced by each region's name.
 */
public record Flags(String writesEnabledParameter) {

  public String writesEnabledParameter(String region) {
    return writesEnabledParameter.replace("{region}", region);
  }
}
