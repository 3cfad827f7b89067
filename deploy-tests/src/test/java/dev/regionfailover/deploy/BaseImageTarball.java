package dev.regionfailover.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A small base image in the format of {@code docker save}, which Jib reads as {@code tar://PATH}
 * instead of pulling the pinned JRE image from a registry that these machines cannot reach. Its one
 * layer holds a marker file; its configuration sets the PATH of the Temurin image.
 */
final class BaseImageTarball {

  /** The file that the base layer holds, to find it again in the built image. */
  static final String MARKER = "etc/region-failover-test-base";

  /** The base image's PATH, that of eclipse-temurin images, where the entrypoint finds java. */
  static final String PATH_VARIABLE =
      "PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  private static final ObjectMapper JSON = new ObjectMapper();

  private BaseImageTarball() {}

  /** Writes the image to {@code target}, and returns it. */
  static Path write(Path target) throws IOException {
    byte[] layer = tar(List.of(new TarFile(MARKER, "a test base image\n")));
    ObjectNode config = JSON.createObjectNode();
    config.put("architecture", "amd64").put("os", "linux");
    config
        .putObject("config")
        .putArray("Env")
        .add(PATH_VARIABLE)
        .add("JAVA_HOME=/opt/java/openjdk");
    ObjectNode rootfs = config.putObject("rootfs").put("type", "layers");
    rootfs.putArray("diff_ids").add("sha256:" + sha256(layer));
    config.putArray("history").addObject().put("created_by", "BaseImageTarball");

    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("Config", "config.json");
    manifest.putArray("RepoTags").add("region-failover-test-base:latest");
    manifest.putArray("Layers").add("layer.tar");

    byte[] image =
        tar(
            List.of(
                new TarFile("manifest.json", JSON.writeValueAsString(List.of(manifest))),
                new TarFile("config.json", JSON.writeValueAsString(config)),
                new TarFile("layer.tar", layer)));
    Files.write(target, image);
    return target;
  }

  private static byte[] tar(List<TarFile> files) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
      for (TarFile file : files) {
        file.writeTo(tar);
      }
    }
    return bytes.toByteArray();
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** A regular file of a tar archive. */
  private record TarFile(String name, byte[] content) {

    TarFile(String name, String content) {
      this(name, content.getBytes(StandardCharsets.UTF_8));
    }

    void writeTo(TarArchiveOutputStream tar) throws IOException {
      TarArchiveEntry entry = new TarArchiveEntry(name);
      entry.setSize(content.length);
      entry.setMode(0644);
      tar.putArchiveEntry(entry);
      tar.write(content);
      tar.closeArchiveEntry();
    }
  }
}
