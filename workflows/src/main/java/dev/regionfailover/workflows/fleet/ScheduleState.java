package dev.regionfailover.workflows.fleet;

/** Whether an EventBridge Scheduler schedule is enabled. */
public record ScheduleState(String group, String name, boolean enabled) {}
