package dev.regionfailover.devstack.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the Temporal CLI is looked for: PATH, then GOBIN, then GOPATH's bin, then ~/go/bin. */
class TemporalCliTest {

  @TempDir Path root;

  @Test
  void pathComesFirst() throws IOException {
    Path onPath = cli("path");
    cli("gobin");

    assertThat(
            TemporalCli.find(
                Map.of(
                    "PATH",
                    root.resolve("empty") + File.pathSeparator + root.resolve("path"),
                    "GOBIN",
                    root.resolve("gobin").toString()),
                home()))
        .contains(onPath);
  }

  @Test
  void goBinComesBeforeGoPathAndHome() throws IOException {
    Path goBin = cli("gobin");
    cli("gopath/bin");
    cli("home/go/bin");

    assertThat(
            TemporalCli.find(
                Map.of(
                    "PATH", root.resolve("empty").toString(),
                    "GOBIN", root.resolve("gobin").toString(),
                    "GOPATH", root.resolve("gopath").toString()),
                home()))
        .contains(goBin);
  }

  @Test
  void goPathsFirstEntryComesBeforeHome() throws IOException {
    Path goPath = cli("gopath/bin");
    cli("other/bin");
    cli("home/go/bin");

    assertThat(
            TemporalCli.find(
                Map.of(
                    "GOBIN",
                    " ",
                    "GOPATH",
                    root.resolve("gopath") + File.pathSeparator + root.resolve("other")),
                home()))
        .contains(goPath);
  }

  @Test
  void homeGoBinIsTheLastPlaceLookedAt() throws IOException {
    Path inHome = cli("home/go/bin");
    cli("other/bin");

    assertThat(TemporalCli.find(Map.of("GOPATH", root.resolve("nowhere").toString()), home()))
        .contains(inHome);
  }

  @Test
  void aFileThatIsNotExecutableIsNoCli() throws IOException {
    Path directory = Files.createDirectories(root.resolve("home/go/bin"));
    Files.writeString(directory.resolve("temporal"), "not a program");

    assertThat(TemporalCli.find(Map.of("PATH", directory.toString()), home())).isEmpty();
  }

  @Test
  void nothingAnywhereIsNoCli() {
    assertThat(TemporalCli.find(Map.of(), home())).isEmpty();
    assertThat(TemporalCli.find(Map.of(), null)).isEmpty();
  }

  private String home() {
    return root.resolve("home").toString();
  }

  /** An executable called temporal in {@code directory} under the test's root. */
  private Path cli(String directory) throws IOException {
    Path file = Files.createDirectories(root.resolve(directory)).resolve("temporal");
    Files.writeString(file, "#!/bin/sh\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
