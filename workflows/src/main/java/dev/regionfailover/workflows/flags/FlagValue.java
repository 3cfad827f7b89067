package dev.regionfailover.workflows.flags;

/** A flag's value; {@code value} is null when the parameter does not exist. */
public record FlagValue(String region, String name, String value) {}
