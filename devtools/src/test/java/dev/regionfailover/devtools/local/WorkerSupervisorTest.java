package dev.regionfailover.devtools.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.regionfailover.devstack.process.JavaProcess;
import dev.regionfailover.devtools.local.WorkerSupervisor.GaveUp;
import dev.regionfailover.devtools.local.WorkerSupervisor.RestartPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dev's worker supervision, with fake worker JVMs that run until killed or die at once. */
class WorkerSupervisorTest {

  private static final Pattern STARTED = Pattern.compile("Worker started");

  @TempDir Path logs;

  private final List<JavaProcess> workers = new CopyOnWriteArrayList<>();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final ExecutorService executor = Executors.newSingleThreadExecutor();

  @AfterEach
  void tearDown() {
    stopped.set(true);
    executor.shutdownNow();
    workers.forEach(JavaProcess::close);
  }

  @Test
  void restartsAWorkerEachTimeItIsKilledUntilTheStackStops() throws Exception {
    // Nothing counts as a quick death, so restarts never stop.
    RestartPolicy policy = policy(Duration.ZERO);
    start("run");
    Future<?> supervising = supervise(policy, "run");

    for (int kill = 1; kill <= 3; kill++) {
      workers.get(kill - 1).kill();
      awaitWorkers(kill + 1);
      assertThat(current().isAlive()).as("worker after kill %s", kill).isTrue();
    }
    assertThat(supervising).isNotDone();
    stopped.set(true);
    supervising.get(10, TimeUnit.SECONDS);

    assertThat(workers).hasSize(4);
    assertThat(workers.stream().map(JavaProcess::logFile).distinct()).hasSize(4);
  }

  @Test
  void givesUpNamingTheLogWhenTheWorkerKeepsDyingRightAfterItStarts() throws Exception {
    start("run");
    Future<?> supervising = supervise(policy(Duration.ofSeconds(30)), "die");

    workers.get(0).kill();

    assertThatThrownBy(() -> supervising.get(60, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(GaveUp.class)
        .hasMessage(
            "the worker died 3 times in a row within 30 s of starting (last: exit code 3); see "
                + logs.resolve("worker-3.log"));
    assertThat(workers).hasSize(3);
  }

  @Test
  void aStoppedStackEndsTheSupervisionWithoutARestart() throws Exception {
    start("run");
    Future<?> supervising = supervise(policy(Duration.ofSeconds(30)), "run");

    stopped.set(true);
    workers.get(0).close();

    supervising.get(10, TimeUnit.SECONDS);
    assertThat(workers).hasSize(1);
  }

  @Test
  void pausesDoubleWithEachQuickDeathUpToTheLongest() {
    RestartPolicy policy =
        new RestartPolicy(
            Duration.ofMillis(500),
            Duration.ofSeconds(30),
            5,
            Duration.ofSeconds(1),
            Duration.ofSeconds(8));

    assertThat(policy.pauseBefore(0)).isEqualTo(Duration.ofSeconds(1));
    assertThat(policy.pauseBefore(1)).isEqualTo(Duration.ofSeconds(2));
    assertThat(policy.pauseBefore(2)).isEqualTo(Duration.ofSeconds(4));
    assertThat(policy.pauseBefore(3)).isEqualTo(Duration.ofSeconds(8));
    assertThat(policy.pauseBefore(40)).isEqualTo(Duration.ofSeconds(8));
  }

  private static RestartPolicy policy(Duration quickDeath) {
    return new RestartPolicy(
        Duration.ofMillis(50), quickDeath, 3, Duration.ofMillis(10), Duration.ofMillis(40));
  }

  private Future<?> supervise(RestartPolicy policy, String restartedWorkerBehaviour) {
    WorkerSupervisor supervisor =
        new WorkerSupervisor(
            this::current, () -> start(restartedWorkerBehaviour), stopped::get, policy);
    return executor.submit(
        () -> {
          supervisor.superviseUntilStopped();
          return null;
        });
  }

  /** Starts a fake worker as LocalStack starts the real one: it counts once it prints its line. */
  private JavaProcess start(String behaviour) {
    int number = workers.size() + 1;
    JavaProcess worker =
        JavaProcess.builder(FakeWorkerMain.class.getName())
            .jvmArgs("-Xmx64m", "-XX:TieredStopAtLevel=1")
            .args(behaviour)
            .logFile(logs.resolve(number == 1 ? "worker.log" : "worker-" + number + ".log"))
            .build();
    workers.add(worker);
    worker.start();
    worker.awaitLine(STARTED, Duration.ofSeconds(30));
    return worker;
  }

  private JavaProcess current() {
    return workers.get(workers.size() - 1);
  }

  private void awaitWorkers(int count) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (workers.size() < count || !current().isAlive()) {
      assertThat(System.nanoTime()).as("%s workers started", count).isLessThan(deadline);
      Thread.sleep(50);
    }
  }
}
