package dev.regionfailover.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * An image tarball as {@code jib:buildTar} writes it (the format of {@code docker save}), unpacked
 * into a directory: its manifest, its configuration, and its layers applied in order onto one root
 * file system.
 *
 * @param manifest the one entry of manifest.json
 * @param config the image configuration (Entrypoint, Env, User, ...)
 * @param rootFileSystem the directory where the layers were unpacked, in order
 */
record ImageTarball(JsonNode manifest, JsonNode config, Path rootFileSystem) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Unpacks {@code tarball} under {@code directory}. */
  static ImageTarball unpack(Path tarball, Path directory) throws IOException {
    Path image = Files.createDirectories(directory.resolve("image"));
    extract(Files.newInputStream(tarball), image);
    JsonNode manifests = JSON.readTree(image.resolve("manifest.json").toFile());
    if (manifests.size() != 1) {
      throw new IOException(tarball + " holds " + manifests.size() + " images, not one");
    }
    JsonNode manifest = manifests.get(0);
    JsonNode config = JSON.readTree(image.resolve(manifest.path("Config").asText()).toFile());
    Path root = Files.createDirectories(directory.resolve("rootfs"));
    List<String> layers = new ArrayList<>();
    manifest.path("Layers").forEach(layer -> layers.add(layer.asText()));
    for (String layer : layers) {
      InputStream in = new BufferedInputStream(Files.newInputStream(image.resolve(layer)));
      extract(layer.endsWith(".gz") ? new GzipCompressorInputStream(in) : in, root);
    }
    return new ImageTarball(manifest, config, root);
  }

  /** The configuration's list at {@code field} of "config", as strings. */
  List<String> list(String field) {
    List<String> values = new ArrayList<>();
    config.path("config").path(field).forEach(value -> values.add(value.asText()));
    return values;
  }

  private static void extract(InputStream in, Path directory) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path target = directory.resolve(entry.getName()).normalize();
        if (!target.startsWith(directory)) {
          throw new IOException("the tar entry " + entry.getName() + " leaves " + directory);
        }
        if (entry.isDirectory()) {
          Files.createDirectories(target);
        } else if (entry.isFile()) {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
