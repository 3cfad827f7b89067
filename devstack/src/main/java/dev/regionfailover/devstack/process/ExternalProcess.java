package dev.regionfailover.devstack.process;

import static java.util.Objects.requireNonNull;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A child process of the dev stack whose combined stdout and stderr go to a log file, with the last
 * lines kept in memory so that a failure can say what the process printed. Every started process is
 * registered with {@link ChildProcesses}, so a JVM that exits without closing it still ends it.
 */
public class ExternalProcess implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ExternalProcess.class);
  private static final int TAIL_LINES = 200;
  private static final Duration GRACEFUL_STOP = Duration.ofSeconds(5);

  private final String name;
  private final List<String> command;
  private final Map<String, String> environment;
  private final Path logFile;

  private final Object outputLock = new Object();
  private final ArrayDeque<String> tail = new ArrayDeque<>();
  private long linesSeen;
  private boolean outputEnded;

  private Process process;
  private Thread pump;

  protected ExternalProcess(
      String name, List<String> command, Map<String, String> environment, Path logFile) {
    this.name = requireNonNull(name, "name is null");
    this.command = List.copyOf(requireNonNull(command, "command is null"));
    this.environment = Map.copyOf(requireNonNull(environment, "environment is null"));
    this.logFile = requireNonNull(logFile, "logFile is null");
    if (this.command.isEmpty()) {
      throw new IllegalArgumentException("command of " + name + " is empty");
    }
  }

  /** A builder for a process running {@code command} (the executable, then its arguments). */
  public static Builder builder(String name, List<String> command) {
    return new Builder(name, command);
  }

  /** Starts the process; its output starts flowing into the log file at once. */
  public synchronized void start() {
    if (process != null) {
      throw new IllegalStateException(name + " was already started");
    }
    BufferedWriter writer;
    try {
      Files.createDirectories(logFile.toAbsolutePath().getParent());
      writer = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create log file " + logFile + " for " + name, e);
    }
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    try {
      process = builder.start();
    } catch (IOException e) {
      closeQuietly(writer);
      throw new UncheckedIOException("cannot start " + name + " with command " + command, e);
    }
    ChildProcesses.register(this);
    pump = new Thread(() -> pumpOutput(writer), name + "-output");
    pump.setDaemon(true);
    pump.start();
    log.info("Started {} (pid {}), log {}", name, process.pid(), logFile);
  }

  /**
   * Waits until the process prints a line matching {@code pattern} (searched with {@code find}),
   * considering the retained lines printed before the call too.
   *
   * @return the matching line
   * @throws IllegalStateException if the process ends or the timeout passes first; the message
   *     holds the last lines of its output
   */
  public String awaitLine(Pattern pattern, Duration timeout) {
    requireNonNull(pattern, "pattern is null");
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (outputLock) {
      long next = 0;
      while (true) {
        long firstRetained = linesSeen - tail.size();
        next = Math.max(next, firstRetained);
        List<String> retained = new ArrayList<>(tail);
        for (; next < linesSeen; next++) {
          String line = retained.get((int) (next - firstRetained));
          if (pattern.matcher(line).find()) {
            return line;
          }
        }
        if (outputEnded) {
          throw new IllegalStateException(
              name
                  + " ended ("
                  + describeExit()
                  + ") before printing a line matching /"
                  + pattern
                  + "/; "
                  + tailForMessage());
        }
        long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (remainingMillis <= 0) {
          throw new IllegalStateException(
              name
                  + " printed no line matching /"
                  + pattern
                  + "/ within "
                  + timeout
                  + "; "
                  + tailForMessage());
        }
        try {
          outputLock.wait(remainingMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for output of " + name, e);
        }
      }
    }
  }

  /** Ends the process and its descendants at once with SIGKILL, and waits until it is gone. */
  public synchronized void kill() {
    if (process == null) {
      return;
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    // Signals go through the ProcessHandle: Process.destroy* would also close the output pipe and
    // lose what the process prints while it ends.
    process.toHandle().destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    awaitExit();
    log.info("Killed {} (pid {})", name, process.pid());
  }

  /**
   * Asks the process to stop (SIGTERM), and kills it and whatever it started if it has not ended
   * after a few seconds.
   */
  @Override
  public synchronized void close() {
    if (process == null || !process.isAlive()) {
      ChildProcesses.unregister(this);
      return;
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    process.toHandle().destroy();
    try {
      if (!process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("{} (pid {}) did not stop within {}; killing it", name, pid(), GRACEFUL_STOP);
        process.toHandle().destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.toHandle().destroyForcibly();
    }
    descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    awaitExit();
    log.info("Stopped {} (pid {}, {})", name, process.pid(), describeExit());
  }

  /** The process id; the process must have been started. */
  public long pid() {
    return started().pid();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** The exit code once the process has ended; a process ended by signal N reports 128 + N. */
  public Optional<Integer> exitCode() {
    return process == null || process.isAlive()
        ? Optional.empty()
        : Optional.of(process.exitValue());
  }

  public String name() {
    return name;
  }

  public Path logFile() {
    return logFile;
  }

  /** The last lines of output, oldest first. */
  public List<String> tail() {
    synchronized (outputLock) {
      return List.copyOf(tail);
    }
  }

  /** The last lines of output in a form that fits into an exception message. */
  public String tailForMessage() {
    List<String> lines = tail();
    List<String> shown = lines.subList(Math.max(0, lines.size() - 40), lines.size());
    return "last output (full log in "
        + logFile
        + "):"
        + (shown.isEmpty() ? " <none>" : "\n  " + String.join("\n  ", shown));
  }

  /** Ends the process without waiting; used by the JVM shutdown hook. */
  void destroyNow() {
    Process current = process;
    if (current != null && current.isAlive()) {
      current.descendants().forEach(ProcessHandle::destroyForcibly);
      current.destroyForcibly();
    }
  }

  private Process started() {
    if (process == null) {
      throw new IllegalStateException(name + " has not been started");
    }
    return process;
  }

  private void awaitExit() {
    ChildProcesses.unregister(this);
    boolean interrupted = false;
    while (true) {
      try {
        process.waitFor();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    try {
      pump.join(Duration.ofSeconds(2).toMillis());
    } catch (InterruptedException e) {
      interrupted = true;
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private String describeExit() {
    Process current = process;
    if (current == null) {
      return "not started";
    }
    try {
      if (current.waitFor(1, TimeUnit.SECONDS)) {
        return "exit code " + current.exitValue();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "still running";
  }

  private void pumpOutput(BufferedWriter writer) {
    try (writer;
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        writer.write(line);
        writer.newLine();
        writer.flush();
        synchronized (outputLock) {
          if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
          }
          tail.addLast(line);
          linesSeen++;
          outputLock.notifyAll();
        }
      }
    } catch (IOException e) {
      log.debug("Output of {} ended: {}", name, e.toString());
    } finally {
      synchronized (outputLock) {
        outputEnded = true;
        outputLock.notifyAll();
      }
    }
  }

  private static void closeQuietly(BufferedWriter writer) {
    try {
      writer.close();
    } catch (IOException e) {
      log.debug("Cannot close log writer: {}", e.toString());
    }
  }

  /** Builds an {@link ExternalProcess}. */
  public static final class Builder extends ProcessBuilderBase<Builder> {
    private final String name;
    private final List<String> command;

    private Builder(String name, List<String> command) {
      this.name = requireNonNull(name, "name is null");
      this.command = List.copyOf(requireNonNull(command, "command is null"));
    }

    @Override
    Builder self() {
      return this;
    }

    public ExternalProcess build() {
      return new ExternalProcess(name, command, environment(), logFileOf(name));
    }
  }
}
