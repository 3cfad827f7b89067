package dev.regionfailover.workflows.estate;

/** An EventBridge Scheduler schedule in a schedule group ({@code default} unless named). */
public record ScheduleRef(String group, String name) {}
