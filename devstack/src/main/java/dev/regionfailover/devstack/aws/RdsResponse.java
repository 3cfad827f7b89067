package dev.regionfailover.devstack.aws;

/** An RDS query-protocol answer: the HTTP status and the XML body. */
record RdsResponse(int status, String body) {}
