package dev.regionfailover.worker.quota;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.workflows.estate.AwsAccount;
import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.quota.QuotaApi;
import dev.regionfailover.workflows.quota.QuotaQueues;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The activity-only workers of the quota queues: one per quota-bound API and AWS account, each with
 * the API's rate as {@code maxTaskQueueActivitiesPerSecond}. That rate is a property of the task
 * queue that the Temporal server enforces for every worker polling it, so a second worker, or a
 * hundred, never raise the calls per second that reach AWS; a limiter inside one process would
 * multiply with the number of processes.
 *
 * <p>The accounts are those of the estates loaded at start, and always the worker's own. Workers
 * cannot be added to a started worker factory, so an estate in a new account is served once the
 * workers restart; until then its quota-bound calls wait on their queue.
 */
public final class QuotaWorkers {

  private static final Logger log = LoggerFactory.getLogger(QuotaWorkers.class);

  private QuotaWorkers() {}

  /**
   * The accounts whose quota queues a worker polls: the worker's own, and each estate's, sorted so
   * that logs read the same from one start to the next.
   */
  public static SortedSet<String> accounts(Collection<Estate> estates) {
    SortedSet<String> accounts = new TreeSet<>();
    accounts.add(AwsAccount.WORKER_ACCOUNT);
    estates.forEach(estate -> accounts.add(estate.aws().accountId()));
    return accounts;
  }

  /**
   * Creates, through {@code newWorker} (a worker factory's or a test environment's), one worker per
   * API and account, and registers {@code activities} on each.
   */
  public static void register(
      BiFunction<String, WorkerOptions, Worker> newWorker,
      QuotaRates rates,
      Collection<String> accounts,
      Object... activities) {
    requireNonNull(newWorker, "newWorker is null");
    requireNonNull(rates, "rates is null");
    List<String> queues = new ArrayList<>();
    for (String account : new TreeSet<>(accounts)) {
      for (QuotaApi api : QuotaApi.values()) {
        String queue = QuotaQueues.name(api, account);
        Worker worker =
            newWorker.apply(
                queue,
                WorkerOptions.newBuilder()
                    .setMaxTaskQueueActivitiesPerSecond(rates.of(api))
                    .build());
        worker.registerActivitiesImplementations(activities);
        queues.add(queue);
      }
    }
    log.info("Polling the quota queues {} at {} calls per second", queues, rates.perSecond());
  }
}
