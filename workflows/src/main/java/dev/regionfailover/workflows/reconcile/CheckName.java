package dev.regionfailover.workflows.reconcile;

/** The checks of a reconciliation, in the order status and the report show them. */
enum CheckName {
  AURORA("aurora old primary"),
  LAG("replication lag"),
  LEDGER("authority ledger copy"),
  CONFLICTS("dynamodb conflicts"),
  STRANDED("sqs stranded messages"),
  REDRIVE("sqs dead-letter redrive"),
  STORE("store report");

  /** The name status shows, as in {@link CheckProgress#name()}. */
  final String title;

  CheckName(String title) {
    this.title = title;
  }
}
