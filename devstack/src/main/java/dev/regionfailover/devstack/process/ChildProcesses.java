package dev.regionfailover.devstack.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The child processes this JVM has started and not yet stopped. One shutdown hook ends whatever is
 * still running when the JVM exits, so a test run or dev session that forgets to close a process
 * (or is interrupted with Ctrl-C) leaves nothing behind.
 */
final class ChildProcesses {

  private static final Set<ExternalProcess> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> RUNNING.forEach(ExternalProcess::destroyNow), "devstack-child-reaper"));
  }

  private ChildProcesses() {}

  static void register(ExternalProcess process) {
    RUNNING.add(process);
  }

  static void unregister(ExternalProcess process) {
    RUNNING.remove(process);
  }
}
