package dev.regionfailover.connection;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.Locale;

/**
 * Turns a failure to reach Temporal into a sentence that says what is wrong with the connection: no
 * client certificate, an untrusted server certificate, a refused API key, or TLS on one side only.
 */
public final class ConnectionFailures {

  private ConnectionFailures() {}

  /** What went wrong connecting with {@code profile}, for an operator. */
  public static String explain(Throwable failure, TemporalProfile profile) {
    String text = allMessages(failure).toLowerCase(Locale.ROOT);
    if (text.contains("no required ssl certificate")
        || text.contains("certificate_required")
        || text.contains("bad_certificate")
        || text.contains("ssl certificate error")) {
      return profile.clientCertificate()
          ? "the server rejected the TLS client certificate (mTLS): it is not signed by a CA the"
              + " server trusts"
          : "the server requires a TLS client certificate (mTLS) and none is configured: set"
              + " --tls-cert-path and --tls-key-path, TEMPORAL_TLS_CLIENT_CERT_PATH and"
              + " TEMPORAL_TLS_CLIENT_KEY_PATH, or client_cert_path and client_key_path in the"
              + " profile";
    }
    if (text.contains("pkix path") || text.contains("unable to find valid certification path")) {
      String ca = profile.serverCa();
      return ca != null
          ? "the server's TLS certificate is not trusted: it is not signed by the CA in " + ca
          : "the server's TLS certificate is not trusted by the JVM's default trust store: set the"
              + " CA that signs it with --tls-ca-path, TEMPORAL_TLS_SERVER_CA_CERT_PATH or"
              + " server_ca_cert_path in the profile";
    }
    if (text.contains("no subject alternative") || text.contains("no name matching")) {
      return "the server's TLS certificate does not name "
          + profile.address()
          + ": set the name it carries with --tls-server-name or TEMPORAL_TLS_SERVER_NAME";
    }
    if (text.contains("not an ssl/tls record") || text.contains("unrecognized ssl message")) {
      return "the server does not speak TLS: turn TLS off (--tls=false, TEMPORAL_TLS=false) or"
          + " connect to its TLS port";
    }
    Status.Code code = statusCode(failure);
    if (code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED) {
      return profile.authentication().equals("API key")
          ? "the server refused the API key (" + code + "): check --api-key or TEMPORAL_API_KEY"
          : "the server refused the connection ("
              + code
              + "): it needs credentials, an API key (--api-key, TEMPORAL_API_KEY) or a client"
              + " certificate";
    }
    // A refused connection means nothing listens there, so TLS is beside the point.
    return rootMessage(failure)
        + (profile.tls() || text.contains("connection refused")
            ? ""
            : " (TLS is off: if the server requires TLS, pass --tls or set TEMPORAL_TLS=true)");
  }

  /** The message of the innermost cause. */
  public static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
  }

  private static Status.Code statusCode(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException grpc) {
        return grpc.getStatus().getCode();
      }
    }
    return null;
  }

  private static String allMessages(Throwable failure) {
    StringBuilder text = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      text.append(cause).append('\n');
      if (cause.getCause() == cause) {
        break;
      }
    }
    return text.toString();
  }
}
