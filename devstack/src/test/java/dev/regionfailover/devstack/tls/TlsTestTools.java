package dev.regionfailover.devstack.tls;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.devstack.process.MissingTool;
import dev.regionfailover.devstack.process.RequiredTools;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The programs a TLS test needs: {@code openssl} to make certificates and nginx to terminate TLS.
 * Without them a test fails where {@value RequiredTools#REQUIRED_VARIABLE} is set (in CI), and is
 * skipped with the install command elsewhere, like the tests that need the real Temporal server.
 *
 * @param openssl the openssl executable
 * @param nginx the nginx executable
 */
public record TlsTestTools(Path openssl, Path nginx) {

  /** The install command of both, on Debian. */
  public static final String INSTALL_COMMAND = "apt-get install nginx openssl";

  public TlsTestTools {
    requireNonNull(openssl, "openssl is null");
    requireNonNull(nginx, "nginx is null");
  }

  /** Both programs, or a skip or failure that says how to install them. */
  public static TlsTestTools requireForTest() {
    Optional<Path> openssl = TestCertificateAuthority.findOpenssl();
    Optional<Path> nginx = NginxGrpcProxy.findNginx();
    if (openssl.isPresent() && nginx.isPresent()) {
      return new TlsTestTools(openssl.get(), nginx.get());
    }
    String message =
        "this TLS test needs "
            + (openssl.isEmpty() ? "'openssl' " : "")
            + (nginx.isEmpty() ? "'nginx' " : "")
            + "on PATH (nginx also in /usr/sbin); install them with: "
            + INSTALL_COMMAND;
    return MissingTool.skipOrFail(message);
  }
}
