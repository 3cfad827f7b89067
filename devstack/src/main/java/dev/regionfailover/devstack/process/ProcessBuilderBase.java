package dev.regionfailover.devstack.process;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the builders of an {@link ExternalProcess} and a {@link JavaProcess} share: the environment
 * on top of this JVM's, and where the output goes.
 *
 * @param <B> the builder itself, which every setter returns
 */
abstract class ProcessBuilderBase<B extends ProcessBuilderBase<B>> {

  private final Map<String, String> environment = new LinkedHashMap<>();
  private Path logFile;

  /** Adds an environment variable on top of this JVM's environment. */
  public B env(String key, String value) {
    environment.put(requireNonNull(key, "key is null"), requireNonNull(value, "value is null"));
    return self();
  }

  /** Where stdout and stderr go; the file is replaced. */
  public B logFile(Path logFile) {
    this.logFile = requireNonNull(logFile, "logFile is null");
    return self();
  }

  abstract B self();

  Map<String, String> environment() {
    return environment;
  }

  /** The log file set, else the default log file of a process named {@code name}. */
  Path logFileOf(String name) {
    return logFile != null ? logFile : LogFiles.file(name);
  }
}
