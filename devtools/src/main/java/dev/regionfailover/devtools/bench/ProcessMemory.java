package dev.regionfailover.devtools.bench;

import dev.regionfailover.devstack.process.JavaProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * The memory of a local JVM as Linux and the JVM report it: resident set size now ({@code VmRSS})
 * and at its peak ({@code VmHWM}) from {@code /proc/<pid>/status}, and the heap as {@code jcmd}
 * reports it.
 */
final class ProcessMemory {

  private static final Pattern HEAP_LINE = Pattern.compile(".*heap\\s+total.*");

  private final long pid;

  ProcessMemory(long pid) {
    this.pid = pid;
  }

  /** The resident set size now, in kB; empty when {@code /proc} does not say. */
  OptionalLong residentKb() throws IOException {
    return statusKb("VmRSS:");
  }

  /** The peak resident set size since the process started, in kB. */
  OptionalLong peakResidentKb() throws IOException {
    return statusKb("VmHWM:");
  }

  /** Asks the JVM for a full garbage collection, so that an idle reading is settled. */
  void collectGarbage() throws IOException, InterruptedException {
    jcmd("GC.run");
  }

  /** The heap as {@code jcmd GC.heap_info} reports it. */
  String heap() throws IOException, InterruptedException {
    return jcmd("GC.heap_info")
        .lines()
        .filter(line -> HEAP_LINE.matcher(line).matches())
        .map(String::trim)
        .findFirst()
        .orElse("unknown (jcmd GC.heap_info gave no heap line)");
  }

  /** A size in kB as megabytes, or why it is unknown. */
  static String megabytes(OptionalLong kb) {
    return kb.isPresent() ? String.format("%.0f MB", kb.getAsLong() / 1024.0) : "unknown";
  }

  private OptionalLong statusKb(String field) throws IOException {
    List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
    for (String line : lines) {
      if (line.startsWith(field)) {
        return OptionalLong.of(
            Long.parseLong(line.substring(field.length()).replace("kB", "").trim()));
      }
    }
    return OptionalLong.empty();
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = JavaProcess.javaBinary().resolveSibling("jcmd");
    Process process =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor();
    return output;
  }
}
