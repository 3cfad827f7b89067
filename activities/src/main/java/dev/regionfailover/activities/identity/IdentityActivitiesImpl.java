package dev.regionfailover.activities.identity;

import static java.util.Objects.requireNonNull;

import dev.regionfailover.activities.aws.AwsSettings;
import dev.regionfailover.workflows.identity.CallerIdentity;
import dev.regionfailover.workflows.identity.IdentityActivities;
import dev.regionfailover.workflows.identity.SignedCallerIdentity;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Sends an approver's signed GetCallerIdentity request to STS and reports whose credentials signed
 * it. The request goes to the STS endpoint this worker uses for the region it was signed for, never
 * to a host the payload names: a payload could otherwise point at a server that answers with any
 * principal. STS checks the signature, which covers the endpoint's host, and refuses a request
 * signed more than 15 minutes ago; this activity checks that age as well, so that an emulator that
 * checks no signatures still refuses an expired request.
 *
 * <p>It sends the request exactly as it was signed, with the JDK's HTTP client: the SDK's STS
 * client would sign it again, with the worker's own credentials.
 */
public final class IdentityActivitiesImpl implements IdentityActivities {

  /** Headers the HTTP client sets itself, from the URL and the body the signature also covers. */
  private static final Set<String> TRANSPORT_HEADERS =
      Set.of("host", "content-length", "connection", "expect", "upgrade");

  private final AwsSettings settings;
  private final Function<String, String> environment;
  private final Clock clock;
  private final HttpClient http;

  @Inject
  public IdentityActivitiesImpl(AwsSettings settings) {
    this(settings, System::getenv, Clock.systemUTC());
  }

  IdentityActivitiesImpl(AwsSettings settings, Function<String, String> environment, Clock clock) {
    this.settings = requireNonNull(settings, "settings is null");
    this.environment = requireNonNull(environment, "environment is null");
    this.clock = requireNonNull(clock, "clock is null");
    this.http = HttpClient.newBuilder().connectTimeout(settings.apiCallAttemptTimeout()).build();
  }

  @Override
  public CallerIdentity callerIdentity(SignedCallerIdentity request) {
    if (request == null) {
      throw refused("no identity was given");
    }
    String problem = request.problem(clock.instant());
    if (problem != null) {
      throw refused(problem);
    }
    String region = request.region();
    if (!StsEndpoint.known(region)) {
      throw refused("the identity is signed for an unknown region " + region);
    }
    URI endpoint = StsEndpoint.of(region, settings.endpointOverride(), environment);
    URI signedFor = URI.create(request.url());
    if (!authority(signedFor).equals(authority(endpoint))) {
      throw refused(
          "the identity is signed for "
              + authority(signedFor)
              + ", but STS of "
              + region
              + " is "
              + authority(endpoint)
              + " for this worker");
    }
    HttpResponse<String> response = send(endpoint, request);
    if (response.statusCode() >= 500) {
      throw ApplicationFailure.newFailure(
          "STS answered HTTP " + response.statusCode() + ": " + response.body(), "StsUnavailable");
    }
    Document answer = parse(response.body());
    if (response.statusCode() != 200) {
      throw refused("STS refused it: " + text(answer, "Code") + ": " + text(answer, "Message"));
    }
    String arn = text(answer, "Arn");
    if (arn == null) {
      throw ApplicationFailure.newFailure(
          "STS answered without an Arn: " + response.body(), "StsUnavailable");
    }
    return new CallerIdentity(arn, text(answer, "Account"), text(answer, "UserId"));
  }

  private HttpResponse<String> send(URI endpoint, SignedCallerIdentity request) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(endpoint.resolve("/"))
            .timeout(settings.apiCallAttemptTimeout())
            .POST(HttpRequest.BodyPublishers.ofString(request.body()));
    for (Map.Entry<String, String> header : request.headers().entrySet()) {
      if (!TRANSPORT_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
        builder.header(header.getKey(), header.getValue());
      }
    }
    try {
      return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause(
          "STS at " + endpoint + " did not answer: " + e.getMessage(), "StsUnavailable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailureWithCause(
          "interrupted while asking STS", "StsUnavailable", e);
    }
  }

  /** Host and port, the port spelled out, as the signed host header covers them. */
  private static String authority(URI uri) {
    int port = uri.getPort();
    if (port == -1) {
      port = "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
    }
    return uri.getScheme() + "://" + uri.getHost() + ":" + port;
  }

  private static Document parse(String xml) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    } catch (ParserConfigurationException | SAXException | IOException e) {
      throw ApplicationFailure.newFailureWithCause(
          "STS answered with something that is not XML: " + xml, "StsUnavailable", e);
    }
  }

  private static String text(Document document, String element) {
    NodeList nodes = document.getElementsByTagName(element);
    return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
  }

  private static ApplicationFailure refused(String reason) {
    return ApplicationFailure.newNonRetryableFailure(reason, REFUSED);
  }
}
