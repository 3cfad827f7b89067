package dev.regionfailover.workflows.estate;

/** An EventBridge rule on an event bus ({@code default} unless named). */
public record EventBridgeRuleRef(String eventBus, String name) {}
