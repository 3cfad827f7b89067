package dev.regionfailover.workflows.detection;

/** Something the monitor did or was told, for its status: a verdict change, pause, a failover. */
public record MonitorEvent(String at, String what) {}
