package dev.regionfailover.devstack.process;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Java main class running in its own JVM, started with this JVM's {@code java} binary. Process
 * tests use it to run a worker they can kill with SIGKILL; the dev stack uses it for the Temporal
 * test server.
 */
public final class JavaProcess extends ExternalProcess {

  private JavaProcess(
      String name, List<String> command, Map<String, String> environment, Path logFile) {
    super(name, command, environment, logFile);
  }

  public static Builder builder(String mainClass) {
    return new Builder(mainClass);
  }

  /**
   * The classpath this JVM runs with: Surefire's test classpath when running under Surefire (whose
   * own {@code java.class.path} is a manifest-only booter jar), else {@code java.class.path}.
   */
  public static String currentClasspath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  /** The {@code java} binary of the running JVM. */
  public static Path javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }

  /** Builds a {@link JavaProcess}. */
  public static final class Builder extends ProcessBuilderBase<Builder> {
    private final String mainClass;
    private String classpath = currentClasspath();
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> args = new ArrayList<>();

    private Builder(String mainClass) {
      this.mainClass = requireNonNull(mainClass, "mainClass is null");
    }

    /** The classpath of the child JVM; {@link #currentClasspath()} unless set. */
    public Builder classpath(String classpath) {
      this.classpath = requireNonNull(classpath, "classpath is null");
      return this;
    }

    /** Options for the JVM itself, such as {@code -Xmx256m}. */
    public Builder jvmArgs(String... jvmArgs) {
      this.jvmArgs.addAll(List.of(jvmArgs));
      return this;
    }

    /** Arguments passed to {@code main}. */
    public Builder args(String... args) {
      this.args.addAll(List.of(args));
      return this;
    }

    @Override
    Builder self() {
      return this;
    }

    public JavaProcess build() {
      List<String> command = new ArrayList<>();
      command.add(javaBinary().toString());
      command.addAll(jvmArgs);
      command.add("-cp");
      command.add(classpath);
      command.add(mainClass);
      command.addAll(args);
      String name = mainClass.substring(mainClass.lastIndexOf('.') + 1);
      return new JavaProcess(name, command, environment(), logFileOf(name));
    }
  }
}
