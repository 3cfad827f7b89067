package dev.regionfailover.starter.estate;

import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateValidationException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ExitCode;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code validate PATH...}: checks estate files without touching Temporal or AWS. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description =
        "Checks estate files (or the *.yaml and *.yml files of directories) and prints every"
            + " error with its path.")
public final class ValidateCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Estate files or directories.")
  private List<Path> paths;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Path> apps = new HashMap<>();
    int invalid = 0;
    for (Path path : paths) {
      List<Path> files;
      try {
        files = EstateFiles.list(path);
      } catch (NoSuchFileException e) {
        out.printf("MISSING %s: no such file or directory%n", path);
        invalid++;
        continue;
      } catch (IOException e) {
        out.printf("INVALID %s%n  cannot read it: %s%n", path, e.getMessage());
        invalid++;
        continue;
      }
      if (files.isEmpty()) {
        out.printf("EMPTY %s: no *.yaml or *.yml files%n", path);
        invalid++;
      }
      for (Path file : files) {
        if (!check(out, file, apps)) {
          invalid++;
        }
      }
    }
    out.flush();
    return invalid == 0 ? ExitCode.OK : ExitCode.SOFTWARE;
  }

  private static boolean check(PrintWriter out, Path file, Map<String, Path> apps) {
    Estate estate;
    try {
      estate = EstateFiles.load(file);
    } catch (EstateValidationException e) {
      out.printf("INVALID %s%n", file);
      e.errors().forEach(error -> out.printf("  %s%n", error));
      return false;
    } catch (IOException e) {
      out.printf("INVALID %s%n  cannot read it: %s%n", file, e.getMessage());
      return false;
    }
    Path other = apps.putIfAbsent(estate.app(), file);
    if (other != null && !other.equals(file)) {
      out.printf("INVALID %s%n  app: %s is also defined in %s%n", file, estate.app(), other);
      return false;
    }
    out.printf("OK %s (%s)%n", estate.app(), file);
    return true;
  }
}
