package dev.regionfailover.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The CLI's packages depend on each other without a cycle: the root package only wires the
 * commands, and every command package reaches what it shares through {@code cli}. The graph is read
 * from the sources, so that it covers imports and fully qualified names alike.
 */
class PackageDependenciesTest {

  private static final String ROOT = "dev.regionfailover.starter";
  private static final Path SOURCES = Path.of("src", "main", "java");
  private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
  private static final Pattern REFERENCE =
      Pattern.compile("\\b(" + Pattern.quote(ROOT) + "(?:\\.[a-z]\\w*)*)\\.[A-Z]");

  @Test
  void noPackageDependsOnTheRoot() {
    Map<String, Set<String>> graph = graph();

    assertThat(graph).isNotEmpty();
    graph.forEach((from, to) -> assertThat(to).as("what %s depends on", from).doesNotContain(ROOT));
  }

  @Test
  void thePackagesFormNoCycle() {
    Map<String, Set<String>> graph = graph();

    List<String> cycle = new ArrayList<>();
    for (String start : graph.keySet()) {
      if (cycle.isEmpty()) {
        cycle = cycleFrom(start, graph, new ArrayList<>(), new TreeSet<>());
      }
    }
    assertThat(cycle).as("a cycle of package dependencies").isEmpty();
  }

  @Test
  void theGraphSeesADependency() {
    assertThat(graph().get(ROOT + ".failover")).contains(ROOT + ".cli");
  }

  /** A path from {@code start} back to a package already on it, or an empty list. */
  private static List<String> cycleFrom(
      String start, Map<String, Set<String>> graph, List<String> path, Set<String> done) {
    int seen = path.indexOf(start);
    if (seen >= 0) {
      List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
      cycle.add(start);
      return cycle;
    }
    if (!done.add(start)) {
      return List.of();
    }
    path.add(start);
    for (String next : graph.getOrDefault(start, Set.of())) {
      List<String> cycle = cycleFrom(next, graph, path, done);
      if (!cycle.isEmpty()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    return List.of();
  }

  /** Every main source package of this module and the other packages of it that it names. */
  private static Map<String, Set<String>> graph() {
    Map<String, Set<String>> graph = new TreeMap<>();
    try (Stream<Path> files = Files.walk(SOURCES)) {
      files
          .filter(file -> file.toString().endsWith(".java"))
          .forEach(
              file -> {
                String source = read(file);
                Matcher declared = PACKAGE.matcher(source);
                assertThat(declared.find()).as("the package of %s", file).isTrue();
                String from = declared.group(1);
                Set<String> to = graph.computeIfAbsent(from, key -> new TreeSet<>());
                Matcher reference = REFERENCE.matcher(source);
                while (reference.find()) {
                  if (!reference.group(1).equals(from)) {
                    to.add(reference.group(1));
                  }
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return graph;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
