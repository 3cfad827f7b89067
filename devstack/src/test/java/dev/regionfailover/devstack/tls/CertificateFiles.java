package dev.regionfailover.devstack.tls;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * A PEM certificate and its PKCS#8 private key, as Temporal's TLS settings and nginx take them.
 *
 * @param certificate the certificate, PEM
 * @param privateKey its unencrypted private key, PKCS#8 PEM
 */
public record CertificateFiles(Path certificate, Path privateKey) {

  public CertificateFiles {
    requireNonNull(certificate, "certificate is null");
    requireNonNull(privateKey, "privateKey is null");
  }
}
