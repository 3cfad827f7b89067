package dev.regionfailover.workflows.estate;

/**
 * Promotion guards checked in ASSESS. {@code schemaVersionParameter} and {@code
 * migrationInProgressParameter} are SSM parameters read in every region (either may be null: not
 * checked); a name may contain {@code {region}}. A failover record whose TTL exceeds {@code
 * maxRecordTtlSeconds} is a warning, or a failure when {@code blockOnHighTtl} is set.
 */
public record Guards(
    String schemaVersionParameter,
    String migrationInProgressParameter,
    long maxRecordTtlSeconds,
    boolean blockOnHighTtl) {

  public static final long DEFAULT_MAX_RECORD_TTL = 60;

  public static final Guards DEFAULTS = new Guards(null, null, DEFAULT_MAX_RECORD_TTL, false);

  public static String inRegion(String parameter, String region) {
    return parameter == null ? null : parameter.replace("{region}", region);
  }
}
