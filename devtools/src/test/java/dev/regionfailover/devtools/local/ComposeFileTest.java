package dev.regionfailover.devtools.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.regionfailover.devstack.process.Executables;
import dev.regionfailover.devstack.process.MissingTool;
import dev.regionfailover.devstack.temporal.TemporalDevServer;
import dev.regionfailover.workflows.visibility.SearchAttributes;
import io.temporal.common.SearchAttributeKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deploy/compose.yaml}, which cannot run here (no Docker daemon): the Compose client checks
 * it against the Compose schema, and its structure is checked against what the project's images
 * read, so that a renamed variable or port shows here.
 */
class ComposeFileTest {

  private static final Path COMPOSE = Path.of("..", "deploy", "compose.yaml");
  private static final String CLIENT = "docker-compose";
  private static final String INSTALL_COMMAND = "apt-get install docker-compose";
  private static final Pattern PINNED_TAG = Pattern.compile("[^:@]+:\\d+(\\.\\d+)+");
  private static final String PROJECT_IMAGE_TAG = ":${REGION_FAILOVER_VERSION:-0.1.0-SNAPSHOT}";

  private final JsonNode compose = read(COMPOSE);

  @Test
  void theComposeClientAcceptsTheFile() throws Exception {
    Process config = config(COMPOSE);

    assertThat(config.exitValue())
        .as("%s config --quiet said: %s", CLIENT, output(config))
        .isZero();
  }

  @Test
  void theComposeClientRejectsAFileThatBreaksTheSchema(@TempDir Path directory) throws Exception {
    Path broken = directory.resolve("compose.yaml");
    String text = Files.readString(COMPOSE);
    Files.writeString(broken, text.replace("condition: service_healthy", "condition: healthy"));

    Process config = config(broken);

    assertThat(config.exitValue()).isNotZero();
    assertThat(output(config)).contains("condition");
  }

  @Test
  void everyServiceHasAHealthCheckAndAPinnedImage() {
    List<String> services = new ArrayList<>();
    compose.get("services").fieldNames().forEachRemaining(services::add);

    assertThat(services).containsExactlyInAnyOrder("temporal", "moto", "aws", "worker");
    for (String name : services) {
      JsonNode service = service(name);
      assertThat(service.path("healthcheck").path("test").isArray()).as(name).isTrue();
      String image = service.get("image").asText();
      if (name.equals("aws") || name.equals("worker")) {
        assertThat(image).as(name).endsWith(PROJECT_IMAGE_TAG);
      } else {
        assertThat(image).as(name).matches(PINNED_TAG);
      }
    }
    assertThat(service("aws").get("image").asText())
        .startsWith("region-failover-devstack" + PROJECT_IMAGE_TAG);
    assertThat(service("worker").get("image").asText())
        .startsWith("region-failover-worker" + PROJECT_IMAGE_TAG);
  }

  @Test
  void theTemporalServerListensForOtherContainersWithTheUiAndRegistersTheSearchAttributes() {
    JsonNode temporal = service("temporal");
    List<String> command = texts(temporal.get("command"));

    assertThat(command).startsWith("server", "start-dev");
    assertThat(command).containsSequence("--ip", "0.0.0.0");
    assertThat(command).containsSequence("--ui-port", "8233");
    for (SearchAttributeKey<?> key : SearchAttributes.ALL) {
      assertThat(command)
          .containsSequence(
              "--search-attribute", key.getName() + "=" + TemporalDevServer.typeName(key));
    }
    assertThat(texts(temporal.get("ports"))).contains("7233:7233", "8233:8233");
  }

  @Test
  void theAwsServiceFrontsMotoAndProvisionsTheMountedEstates() {
    JsonNode aws = service("aws");
    JsonNode environment = aws.get("environment");

    assertThat(environment.get(ComposeAws.MOTO_VARIABLE).asText()).isEqualTo("http://moto:5000");
    assertThat(environment.get(ComposeAws.PORT_VARIABLE).asText())
        .isEqualTo(Integer.toString(LocalStackConfig.DEFAULT_AWS_PORT));
    assertThat(texts(aws.get("ports"))).contains("4566:4566");
    String estates = environment.get(ComposeAws.ESTATES_VARIABLE).asText();
    assertThat(texts(aws.get("volumes"))).contains("./estates:" + estates + ":ro");
    assertThat(texts(aws.path("healthcheck").path("test")))
        .containsExactly("CMD", "test", "-f", environment.get(ComposeAws.READY_VARIABLE).asText());
    assertThat(aws.path("depends_on").path("moto").path("condition").asText())
        .isEqualTo("service_healthy");
    assertThat(Files.isDirectory(COMPOSE.resolveSibling("estates"))).isTrue();
  }

  @Test
  void theWorkerReachesTemporalAndTheStandInAndWaitsForBoth() {
    JsonNode worker = service("worker");
    JsonNode environment = worker.get("environment");
    JsonNode aws = service("aws").get("environment");

    assertThat(environment.get("TEMPORAL_ADDRESS").asText()).isEqualTo("temporal:7233");
    assertThat(environment.get("TEMPORAL_NAMESPACE").asText()).isEqualTo("default");
    assertThat(environment.get("AWS_ENDPOINT_URL").asText())
        .isEqualTo("http://aws:" + aws.get(ComposeAws.PORT_VARIABLE).asText());
    assertThat(environment.get("AWS_REGION").asText()).isNotBlank();
    String estates = environment.get("FAILOVER_ESTATES_DIR").asText();
    assertThat(texts(worker.get("volumes"))).contains("./estates:" + estates + ":ro");
    String httpPort = environment.get("FAILOVER_HTTP_PORT").asText();
    assertThat(texts(worker.get("ports"))).contains(httpPort + ":" + httpPort);
    assertThat(String.join(" ", texts(worker.path("healthcheck").path("test"))))
        .contains("/dev/tcp/127.0.0.1/" + httpPort)
        .contains("GET /readyz");
    for (String dependency : List.of("temporal", "aws")) {
      assertThat(worker.path("depends_on").path(dependency).path("condition").asText())
          .as(dependency)
          .isEqualTo("service_healthy");
    }
  }

  private JsonNode service(String name) {
    JsonNode service = compose.path("services").path(name);
    assertThat(service.isObject()).as("service %s", name).isTrue();
    return service;
  }

  private static Process config(Path file) throws IOException, InterruptedException {
    Path client =
        Executables.onPath(CLIENT, System.getenv("PATH"))
            .orElseGet(
                () ->
                    MissingTool.skipOrFail(
                        "checking deploy/compose.yaml needs the Compose client '"
                            + CLIENT
                            + "' on PATH; install it with: "
                            + INSTALL_COMMAND));
    Process process =
        new ProcessBuilder(client.toString(), "-f", file.toString(), "config", "--quiet")
            .redirectErrorStream(true)
            .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException(CLIENT + " config did not finish within 60 s");
    }
    return process;
  }

  private static String output(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }

  private static JsonNode read(Path file) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file.toAbsolutePath(), e);
    }
  }
}
