package dev.regionfailover.worker.quota;

import dev.regionfailover.workflows.dns.DnsActivities;
import dev.regionfailover.workflows.dns.PointRecordRequest;
import dev.regionfailover.workflows.dns.RecordRequest;
import dev.regionfailover.workflows.dns.RecordState;
import java.util.concurrent.atomic.AtomicInteger;

/** The real Route 53 activities of one worker, counting the changes that worker ran. */
final class CountedDnsActivities implements DnsActivities {

  private final DnsActivities delegate;
  private final AtomicInteger pointed = new AtomicInteger();

  CountedDnsActivities(DnsActivities delegate) {
    this.delegate = delegate;
  }

  int pointed() {
    return pointed.get();
  }

  @Override
  public RecordState pointRecord(PointRecordRequest request) {
    pointed.incrementAndGet();
    return delegate.pointRecord(request);
  }

  @Override
  public RecordState readRecord(RecordRequest request) {
    return delegate.readRecord(request);
  }
}
