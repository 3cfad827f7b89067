package dev.regionfailover.devtools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.regionfailover.activities.aws.AwsClients;
import dev.regionfailover.activities.aws.AwsSettings;
import dev.regionfailover.activities.pins.PinActivitiesImpl;
import dev.regionfailover.activities.pins.SegmentMover;
import dev.regionfailover.activities.pins.TableShape;
import dev.regionfailover.workflows.pins.RepinPlan;
import dev.regionfailover.workflows.pins.SegmentCheckpoint;
import dev.regionfailover.workflows.pins.SegmentRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baseline of the re-pin benchmark ({@code ./failover bench repin}): the same segment movers
 * the {@code RepinEntities} workflow runs, at the same concurrency, in plain threads without
 * Temporal. Takes a {@link RepinPlan} as JSON, moves one pass over the index, and logs what it did
 * on a line the benchmark reads ({@value #DONE} ...). Runs on the worker's classpath and AWS
 * settings, with this module's code added.
 */
public final class PlainRepinLoop {

  /** The start of the line that reports the result. */
  public static final String DONE = "Plain re-pin done:";

  private static final Logger log = LoggerFactory.getLogger(PlainRepinLoop.class);

  private PlainRepinLoop() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1) {
      log.error("Usage: PlainRepinLoop <RepinPlan as JSON>");
      System.exit(2);
    }
    RepinPlan plan = new ObjectMapper().readValue(args[0], RepinPlan.class);
    int segments = plan.pins().segments();
    try (AwsClients clients = new AwsClients(AwsSettings.defaults())) {
      TableShape shape = new PinActivitiesImpl(clients).shape(plan.pins(), plan.tableRegion());
      ExecutorService pool = Executors.newFixedThreadPool(segments);
      long started = System.nanoTime();
      List<Future<SegmentCheckpoint>> loops = new ArrayList<>();
      for (int segment = 0; segment < segments; segment++) {
        SegmentCheckpoint start = SegmentCheckpoint.start(segment);
        SegmentRequest request =
            new SegmentRequest(
                plan.app(),
                plan.planId(),
                plan.pins(),
                plan.tableRegion(),
                plan.fromRegion(),
                plan.toRegion(),
                plan.auditTable(),
                segments,
                start,
                0,
                0);
        loops.add(
            pool.submit(
                () ->
                    new SegmentMover(
                            clients.dynamo(plan.tableRegion()), request, shape, start, c -> {})
                        .run()));
      }
      long moved = 0;
      long writes = 0;
      for (Future<SegmentCheckpoint> loop : loops) {
        moved += loop.get().moved();
        writes += loop.get().writes();
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      pool.shutdown();
      log.info("{} moved={} writes={} millis={}", DONE, moved, writes, millis);
    }
  }
}
