package dev.regionfailover.workflows.estate;

/** The traffic layers that decide where clients enter; each configured layer is shifted. */
public record Traffic(Route53Traffic route53) {}
