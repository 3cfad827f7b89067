package dev.regionfailover.workflows.identity;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An {@code sts:GetCallerIdentity} request signed (AWS Signature Version 4) with an approver's own
 * credentials and not sent: whoever sends it to STS learns whose credentials signed it, and nothing
 * else, which is how Vault's AWS auth method proves an AWS identity. It is bound to one failover
 * run by the signed header {@value #BINDING_HEADER}, so that a request read from one run's history
 * proves nothing to another.
 *
 * <p>The methods below only read the request; they decide nothing about its signature, which STS
 * alone can check.
 *
 * @param method the HTTP method, {@code POST}
 * @param url the STS endpoint it was signed for, such as {@code
 *     https://sts.us-east-1.amazonaws.com/}
 * @param headers the signed request's headers, {@code Authorization} and {@code X-Amz-Date} among
 *     them
 * @param body the form body {@value #BODY}
 */
public record SignedCallerIdentity(
    String method, String url, Map<String, String> headers, String body) {

  /** The only request this record may carry. */
  public static final String BODY = "Action=GetCallerIdentity&Version=2011-06-15";

  /**
   * The signed header that names the failover run the approval is meant for: {@code
   * WORKFLOW_ID/FIRST_RUN_ID}.
   */
  public static final String BINDING_HEADER = "X-Region-Failover-Approval";

  /**
   * How long after signing a request counts: the 15 minutes for which AWS itself accepts a request
   * signed with a header signature.
   */
  public static final Duration VALIDITY = Duration.ofMinutes(15);

  private static final DateTimeFormatter AMZ_DATE =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final Pattern AUTHORIZATION =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/,\\s]+)/(\\d{8})/([a-z0-9-]+)/sts/aws4_request,\\s*"
              + "SignedHeaders=([a-z0-9;-]+),\\s*Signature=([0-9a-f]{64})");

  public SignedCallerIdentity {
    headers = headers == null ? Map.of() : Map.copyOf(headers);
  }

  /** The signature, which the workflow remembers so that a request counts once. */
  public String signature() {
    Matcher matcher = authorization();
    return matcher == null ? null : matcher.group(5);
  }

  /** The region it was signed for, whose STS endpoint must check it. */
  public String region() {
    Matcher matcher = authorization();
    return matcher == null ? null : matcher.group(3);
  }

  /** When it was signed, from {@code X-Amz-Date}; null when that is missing or malformed. */
  public Instant signedAt() {
    String date = header("X-Amz-Date");
    if (date == null) {
      return null;
    }
    try {
      return AMZ_DATE.parse(date, Instant::from);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The value of a header, whatever its case, or null. */
  public String header(String name) {
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }

  /**
   * Why this is not a GetCallerIdentity request signed for sts, binding a failover run, at most
   * {@link #VALIDITY} before {@code now}; null when it is one. STS still has to check the
   * signature.
   */
  public String problem(Instant now) {
    if (!"POST".equals(method)) {
      return "the identity must be a POST request, not " + method;
    }
    if (!BODY.equals(body)) {
      return "the identity's body must be " + BODY;
    }
    URI uri;
    try {
      uri = url == null ? null : URI.create(url);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getHost() == null || !uri.isAbsolute()) {
      return "the identity's url is not an absolute URL: " + url;
    }
    Matcher matcher = authorization();
    if (matcher == null) {
      return "the identity has no AWS Signature Version 4 Authorization header for sts";
    }
    if (!matcher.group(4).contains(BINDING_HEADER.toLowerCase(Locale.ROOT))) {
      return "the identity does not sign the header " + BINDING_HEADER;
    }
    Instant signedAt = signedAt();
    if (signedAt == null) {
      return "the identity has no valid X-Amz-Date header";
    }
    if (now.isAfter(signedAt.plus(VALIDITY))) {
      return "the identity expired: it was signed at "
          + signedAt
          + " and counts for "
          + VALIDITY.toMinutes()
          + " minutes; sign a new one (./failover approve --verify)";
    }
    if (signedAt.isAfter(now.plus(VALIDITY))) {
      return "the identity is signed at " + signedAt + ", in the future; check the signer's clock";
    }
    return null;
  }

  /** Why this request is not bound to the failover run {@code binding}, or null when it is. */
  public String bindingProblem(String binding) {
    String bound = header(BINDING_HEADER);
    return binding.equals(bound)
        ? null
        : "the identity was signed for failover run "
            + bound
            + ", not for this one ("
            + binding
            + ")";
  }

  private Matcher authorization() {
    String authorization = header("Authorization");
    if (authorization == null) {
      return null;
    }
    Matcher matcher = AUTHORIZATION.matcher(authorization);
    return matcher.matches() ? matcher : null;
  }
}
