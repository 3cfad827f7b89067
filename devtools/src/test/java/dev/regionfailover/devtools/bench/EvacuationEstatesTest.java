package dev.regionfailover.devtools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.regionfailover.workflows.estate.Estate;
import dev.regionfailover.workflows.estate.EstateParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvacuationEstatesTest {

  private static final Path TEMPLATE =
      Path.of("..", "deploy", "estates", "orders.yaml").toAbsolutePath().normalize();

  @TempDir Path directory;

  @Test
  void writesValidEstatesWithResourcesOfTheirOwnAndDependenciesOnEarlierApps() throws Exception {
    Files.writeString(directory.resolve("app-999.yaml"), "left by an earlier run");

    List<String> apps = EvacuationEstates.write(TEMPLATE, directory, 20);

    assertThat(apps).hasSize(20).startsWith("app-001").endsWith("app-020");
    try (var files = Files.list(directory)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .hasSize(20)
          .doesNotContain("app-999.yaml");
    }
    List<Estate> estates = new ArrayList<>();
    for (String app : apps) {
      Path file = directory.resolve(app + ".yaml");
      estates.add(EstateParser.parse(Files.readString(file), file.toString()));
    }
    Set<String> globalClusters = new HashSet<>();
    Set<String> seen = new HashSet<>();
    for (Estate estate : estates) {
      assertThat(globalClusters.add(estate.aurora().globalCluster())).isTrue();
      assertThat(Files.readString(directory.resolve(estate.app() + ".yaml")))
          .doesNotContain("orders");
      assertThat(seen).containsAll(estate.dependsOn());
      seen.add(estate.app());
    }
    assertThat(estates.get(3).dependsOn()).containsExactly("app-003");
    assertThat(estates.get(9).dependsOn()).containsExactly("app-008");
    assertThat(estates.get(19).dependsOn()).containsExactly("app-019", "app-018");
    assertThat(estates).extracting(Estate::tier).containsOnly(1, 2, 3);
  }
}
