package dev.regionfailover.devstack.process;

/**
 * A child JVM for {@link JavaProcessTest}: prints its arguments and an environment variable,
 * announces that it is ready, and sleeps until it is ended. A graceful stop runs its shutdown hook,
 * which prints a line; SIGKILL does not.
 */
public final class SleepingMain {

  private SleepingMain() {}

  public static void main(String[] args) throws InterruptedException {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
    System.out.println("args=" + String.join(",", args));
    System.out.println("env=" + System.getenv("SLEEPING_MAIN_VALUE"));
    System.err.println("ready on stderr");
    Thread.sleep(Long.MAX_VALUE);
  }
}
