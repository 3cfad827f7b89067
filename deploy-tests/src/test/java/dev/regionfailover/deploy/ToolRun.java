package dev.regionfailover.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of an external tool (helm, checkov, mvn) to completion, with its standard output and
 * error merged in the order the tool wrote them.
 *
 * @param command what ran
 * @param exitCode its exit code
 * @param output its standard output and error
 */
record ToolRun(List<String> command, int exitCode, String output) {

  /**
   * Runs {@code command} in {@code directory} and waits for it; a tool still running after {@code
   * timeout} is killed and the run fails.
   */
  static ToolRun run(List<String> command, Path directory, Duration timeout) throws IOException {
    return run(new ProcessBuilder(command), directory, timeout);
  }

  /** Runs what {@code builder} describes (its command and environment) as above. */
  static ToolRun run(ProcessBuilder builder, Path directory, Duration timeout) throws IOException {
    List<String> command = List.copyOf(builder.command());
    Path log = Files.createTempFile("tool-run", ".log");
    try {
      Process process =
          builder
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      boolean finished;
      try {
        finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while running " + command, e);
      }
      if (!finished) {
        process.destroyForcibly();
        throw new IOException(
            command + " did not finish within " + timeout + ":\n" + Files.readString(log));
      }
      return new ToolRun(
          command, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** The run, for an assertion's message. */
  String describe() {
    return String.join(" ", command) + " exited " + exitCode + ":\n" + output;
  }
}
