package dev.regionfailover.workflows.dns;

import io.temporal.activity.ActivityInterface;

/** Route 53 records that steer clients and name the relational writer. */
@ActivityInterface(namePrefix = "Dns")
public interface DnsActivities {

  /** Upserts the record unless it already points there, waits until in sync, and reads it back. */
  RecordState pointRecord(PointRecordRequest request);

  /** Reads the record as it is; its value is null when there is none. Changes nothing. */
  RecordState readRecord(RecordRequest request);
}
