package dev.regionfailover.devstack.tls;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.process.Executables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away certificate authority for TLS tests, made with the {@code openssl} command: it
 * issues server certificates for 127.0.0.1 and localhost and client certificates for mutual TLS.
 * Keys are P-256, certificates are valid for two days, and everything lives in one directory.
 */
public final class TestCertificateAuthority {

  /** The name of the executable this class runs. */
  public static final String OPENSSL = "openssl";

  private static final String KEY_ALGORITHM = "ec";
  private static final String KEY_PARAMETER = "ec_paramgen_curve:prime256v1";
  private static final String DAYS = "2";

  private final Path openssl;
  private final Path directory;
  private final CertificateFiles files;

  private TestCertificateAuthority(Path openssl, Path directory, CertificateFiles files) {
    this.openssl = openssl;
    this.directory = directory;
    this.files = files;
  }

  /** The {@code openssl} executable on PATH, if there is one. */
  public static Optional<Path> findOpenssl() {
    return Executables.onPath(OPENSSL, System.getenv("PATH"));
  }

  /** Makes a new self-signed CA called {@code name} whose files go into {@code directory}. */
  public static TestCertificateAuthority create(Path openssl, Path directory, String name) {
    requireNonNull(openssl, "openssl is null");
    requireNonNull(name, "name is null");
    createDirectories(directory);
    String slug = slug(name);
    CertificateFiles files =
        new CertificateFiles(
            directory.resolve(slug + "-ca.pem"), directory.resolve(slug + "-ca.key"));
    run(
        openssl,
        List.of(
            "req",
            "-x509",
            "-newkey",
            KEY_ALGORITHM,
            "-pkeyopt",
            KEY_PARAMETER,
            "-nodes",
            "-keyout",
            files.privateKey().toString(),
            "-out",
            files.certificate().toString(),
            "-days",
            DAYS,
            "-subj",
            "/CN=" + name,
            "-addext",
            "basicConstraints=critical,CA:TRUE",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign"));
    return new TestCertificateAuthority(openssl, directory, files);
  }

  /** The CA's own certificate, which clients and servers trust. */
  public Path certificate() {
    return files.certificate();
  }

  /** A server certificate for 127.0.0.1 and localhost, signed by this CA. */
  public CertificateFiles issueServer(String name) {
    return issue(name, "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
  }

  /** A client certificate for mutual TLS, signed by this CA. */
  public CertificateFiles issueClient(String name) {
    return issue(name, "extendedKeyUsage=clientAuth\n");
  }

  private CertificateFiles issue(String name, String extensions) {
    String slug = slug(name);
    CertificateFiles issued =
        new CertificateFiles(directory.resolve(slug + ".pem"), directory.resolve(slug + ".key"));
    Path request = directory.resolve(slug + ".csr");
    Path extensionFile = directory.resolve(slug + ".ext");
    try {
      Files.writeString(extensionFile, extensions, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + extensionFile, e);
    }
    run(
        openssl,
        List.of(
            "req",
            "-new",
            "-newkey",
            KEY_ALGORITHM,
            "-pkeyopt",
            KEY_PARAMETER,
            "-nodes",
            "-keyout",
            issued.privateKey().toString(),
            "-out",
            request.toString(),
            "-subj",
            "/CN=" + name));
    run(
        openssl,
        List.of(
            "x509",
            "-req",
            "-in",
            request.toString(),
            "-CA",
            files.certificate().toString(),
            "-CAkey",
            files.privateKey().toString(),
            "-CAcreateserial",
            "-days",
            DAYS,
            "-extfile",
            extensionFile.toString(),
            "-out",
            issued.certificate().toString()));
    return issued;
  }

  private static void run(Path openssl, List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(openssl.toString());
    command.addAll(arguments);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("openssl did not finish within 30 s: " + command);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            "openssl failed with exit code "
                + process.exitValue()
                + ": "
                + command
                + "\n"
                + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }

  private static void createDirectories(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
  }

  private static String slug(String name) {
    return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
  }
}
