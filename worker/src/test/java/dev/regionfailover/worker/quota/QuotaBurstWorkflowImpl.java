package dev.regionfailover.worker.quota;

import dev.regionfailover.workflows.aws.AwsActivityOptions;
import dev.regionfailover.workflows.dns.DnsActivities;
import dev.regionfailover.workflows.dns.PointRecordRequest;
import dev.regionfailover.workflows.dns.RecordState;
import dev.regionfailover.workflows.estate.AwsAccount;
import dev.regionfailover.workflows.quota.QuotaApi;
import dev.regionfailover.workflows.quota.QuotaBoundStub;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import java.time.Duration;
import java.util.List;

/** Points every record of the burst through the quota queue in parallel, and waits for all. */
public class QuotaBurstWorkflowImpl implements QuotaBurstWorkflow {

  private final QuotaBoundStub<DnsActivities> dns =
      new QuotaBoundStub<>(
          DnsActivities.class,
          AwsActivityOptions.persistent(
              Duration.ofMinutes(2), AwsActivityOptions.STANDARD_ATTEMPTS));

  @Override
  public int run(QuotaBurst burst) {
    DnsActivities changes = dns.on(QuotaApi.ROUTE53, AwsAccount.WORKER);
    List<Promise<RecordState>> pointed =
        burst.names().stream()
            .map(
                name ->
                    Async.function(
                        changes::pointRecord,
                        new PointRecordRequest(burst.zone(), name, burst.value(), 60)))
            .toList();
    Promise.allOf(pointed).get();
    return pointed.size();
  }
}
