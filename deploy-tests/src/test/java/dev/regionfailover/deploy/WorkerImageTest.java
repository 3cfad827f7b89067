package dev.regionfailover.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Builds the worker's image with the Jib configuration of worker/pom.xml, through Maven as a
 * release does, into a tarball: from a base image kept on the local filesystem instead of the
 * pinned JRE image, since no registry can be reached here. Then checks what Kubernetes will run:
 * the user, the entrypoint, the environment, the port and the labels, and that the entrypoint
 * starts the worker from the classpath the image carries.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkerImageTest {

  private static final String TAG = "region-failover-worker:image-test";

  private Path work;

  private ImageTarball image;

  @BeforeAll
  void buildTheImage(@TempDir Path work) throws IOException {
    this.work = work;
    Path maven = Tools.maven();
    Path root = RepositoryRoot.find();
    Path base = BaseImageTarball.write(work.resolve("base.tar"));
    Path tarball = work.resolve("worker-image.tar");
    ToolRun build =
        ToolRun.run(
            List.of(
                maven.toString(),
                "-B",
                "-f",
                root.resolve("pom.xml").toString(),
                "-pl",
                "worker",
                "-am",
                "package",
                "jib:buildTar",
                "-DskipTests",
                "-Dspotless.apply.skip=true",
                "-Djib.from.image=tar://" + base,
                "-Djib.outputPaths.tar=" + tarball,
                "-Dimage=" + TAG),
            root,
            Duration.ofMinutes(15));
    assertThat(build.exitCode()).as(build::describe).isZero();
    image = ImageTarball.unpack(tarball, work.resolve("unpacked"));
  }

  @Test
  void runsAsTheNonRootUser() {
    assertThat(image.config().path("config").path("User").asText()).isEqualTo("65532:65532");
  }

  @Test
  void itsEntrypointIsTheWorkerWithAHeapSizedByTheContainer() {
    assertThat(image.list("Entrypoint"))
        .startsWith("java")
        .contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError")
        .endsWith("-cp", "@/app/jib-classpath-file", "dev.regionfailover.worker.WorkerMain");
  }

  @Test
  void pointsTheWorkerAtTheMountedEstatesAndItsHttpPort() {
    assertThat(image.list("Env"))
        .contains(
            "FAILOVER_ESTATES_DIR=/etc/region-failover/estates",
            "FAILOVER_HTTP_PORT=8080",
            BaseImageTarball.PATH_VARIABLE);
    assertThat(image.config().path("config").path("ExposedPorts").has("8080/tcp")).isTrue();
  }

  @Test
  void isLabelledWithItsVersionAndItsPinnedBaseImage() {
    var labels = image.config().path("config").path("Labels");
    assertThat(labels.path("org.opencontainers.image.title").asText())
        .isEqualTo("region-failover-worker");
    assertThat(labels.path("org.opencontainers.image.version").asText()).isNotBlank();
    assertThat(labels.path("org.opencontainers.image.base.name").asText())
        .matches("eclipse-temurin:17-jre@sha256:[0-9a-f]{64}");
    assertThat(image.manifest().path("RepoTags").get(0).asText()).isEqualTo(TAG);
  }

  @Test
  void keepsTheBaseImageLayers() {
    assertThat(image.rootFileSystem().resolve(BaseImageTarball.MARKER)).isRegularFile();
  }

  /**
   * Runs the image's entrypoint with this JVM's java on the unpacked image: its classpath file must
   * name every jar the worker needs, and the worker must read the image's FAILOVER_ESTATES_DIR. No
   * estates are mounted, so the worker stops at its configuration check, naming that directory.
   */
  @Test
  void itsEntrypointStartsTheWorkerFromTheImagesOwnClasspath() throws IOException {
    Path rootFs = image.rootFileSystem();
    String classpath =
        Files.readString(rootFs.resolve("app/jib-classpath-file"))
            .strip()
            .lines()
            .collect(Collectors.joining(":"));
    String hostClasspath =
        List.of(classpath.split(":")).stream()
            .map(entry -> rootFs.resolve(entry.substring(1)).toString())
            .collect(Collectors.joining(":"));
    List<String> entrypoint = image.list("Entrypoint");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (int i = 1; i < entrypoint.size(); i++) {
      command.add(
          entrypoint.get(i).equals("@/app/jib-classpath-file") ? hostClasspath : entrypoint.get(i));
    }
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> environment = builder.environment();
    environment
        .keySet()
        .removeIf(name -> name.startsWith("TEMPORAL_") || name.startsWith("FAILOVER_"));
    for (String variable : image.list("Env")) {
      int equals = variable.indexOf('=');
      if (!variable.startsWith("PATH=")) {
        environment.put(variable.substring(0, equals), variable.substring(equals + 1));
      }
    }
    ToolRun run = ToolRun.run(builder, work, Duration.ofMinutes(2));

    assertThat(run.exitCode()).as(run::describe).isEqualTo(2);
    assertThat(run.output())
        .as(run::describe)
        .contains("Invalid worker configuration")
        .contains("--estates /etc/region-failover/estates is not a directory");
  }

  /** `mvn verify` must not need a registry: no goal of Jib may run unless asked for by name. */
  @Test
  void noJibGoalIsBoundToTheBuildLifecycle() throws Exception {
    Document pom =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(RepositoryRoot.find().resolve("worker/pom.xml").toFile());
    NodeList plugins = pom.getElementsByTagName("plugin");
    Element jib = null;
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if (plugin
          .getElementsByTagName("artifactId")
          .item(0)
          .getTextContent()
          .equals("jib-maven-plugin")) {
        jib = plugin;
      }
    }
    assertThat(jib).as("the jib-maven-plugin in worker/pom.xml").isNotNull();
    assertThat(jib.getElementsByTagName("executions").getLength()).isZero();
  }
}
