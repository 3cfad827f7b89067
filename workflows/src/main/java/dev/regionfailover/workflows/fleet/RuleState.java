package dev.regionfailover.workflows.fleet;

/** Whether an EventBridge rule is enabled. */
public record RuleState(String eventBus, String name, boolean enabled) {}
