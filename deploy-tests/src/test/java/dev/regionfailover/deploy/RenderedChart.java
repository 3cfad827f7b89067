package dev.regionfailover.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The manifests that {@code helm template} renders from the worker's chart, parsed.
 *
 * @param documents every non-empty YAML document of the output
 */
record RenderedChart(List<JsonNode> documents) {

  private static final YAMLMapper YAML = new YAMLMapper();

  /** Renders the chart with these extra arguments of {@code helm template}; it must succeed. */
  static RenderedChart render(String... arguments) throws IOException {
    ToolRun run = template(arguments);
    assertThat(run.exitCode()).as(run::describe).isZero();
    List<JsonNode> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> parsed =
        YAML.readerFor(JsonNode.class).readValues(run.output())) {
      while (parsed.hasNext()) {
        JsonNode document = parsed.next();
        if (document != null && document.isObject() && !document.isEmpty()) {
          documents.add(document);
        }
      }
    }
    return new RenderedChart(documents);
  }

  /** Runs {@code helm template} on the chart, whatever its outcome. */
  static ToolRun template(String... arguments) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Tools.helm().toString());
    command.add("template");
    command.add("rf");
    command.add(RepositoryRoot.chart().toString());
    command.add("--namespace");
    command.add("failover");
    command.addAll(List.of(arguments));
    return ToolRun.run(command, RepositoryRoot.find(), Duration.ofMinutes(1));
  }

  /** A test resource of this module, by its path under src/test/resources. */
  static String resource(String name) {
    return Path.of("src/test/resources").resolve(name).toAbsolutePath().toString();
  }

  /** Every document of this kind. */
  List<JsonNode> all(String kind) {
    return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).toList();
  }

  /** The one document of this kind; fails if there is not exactly one. */
  JsonNode one(String kind) {
    List<JsonNode> found = all(kind);
    assertThat(found).as("rendered documents of kind %s", kind).hasSize(1);
    return found.get(0);
  }

  /** The worker's container in the Deployment. */
  JsonNode worker() {
    return one("Deployment").path("spec").path("template").path("spec").path("containers").get(0);
  }

  /** The worker's environment variable of this name, if it has one. */
  Optional<JsonNode> env(String name) {
    for (JsonNode variable : worker().path("env")) {
      if (variable.path("name").asText().equals(name)) {
        return Optional.of(variable);
      }
    }
    return Optional.empty();
  }

  /** The literal value of the worker's environment variable; fails if it has none. */
  String envValue(String name) {
    JsonNode variable = env(name).orElseThrow(() -> new AssertionError("no env " + name));
    assertThat(variable.has("value")).as("env %s has a literal value", name).isTrue();
    return variable.path("value").asText();
  }

  /** The pod volume that the worker mounts at the directory holding {@code file}. */
  JsonNode volumeHolding(String file) {
    JsonNode podSpec = one("Deployment").path("spec").path("template").path("spec");
    for (JsonNode mount : worker().path("volumeMounts")) {
      if (file.startsWith(mount.path("mountPath").asText() + "/")) {
        for (JsonNode volume : podSpec.path("volumes")) {
          if (volume.path("name").equals(mount.path("name"))) {
            return volume;
          }
        }
      }
    }
    throw new AssertionError("no volume is mounted where " + file + " is");
  }
}
