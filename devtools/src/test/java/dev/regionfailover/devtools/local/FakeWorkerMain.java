package dev.regionfailover.devtools.local;

/**
 * A stand-in for the worker JVM: prints the worker's start line and runs until it is killed, or,
 * given {@code die}, fails at once the way a worker with a broken configuration does.
 */
public final class FakeWorkerMain {

  private FakeWorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length == 1 && args[0].equals("die")) {
      System.out.println("cannot start: the fake worker was told to die");
      System.exit(3);
    }
    System.out.println("Worker started: fake worker");
    Thread.sleep(Long.MAX_VALUE);
  }
}
