package dev.regionfailover.devstack.aws;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the WireMock stubs of the AWS JSON APIs the stand-in serves itself ({@link JsonApi}),
 * chosen by the {@code X-Amz-Target} prefix. The answer has the content type of the request, which
 * is the protocol version (JSON 1.0 or 1.1) the client speaks.
 */
final class JsonApiTransformer extends StubTransformer {

  static final String NAME = "aws-json-apis";

  private static final Logger log = LoggerFactory.getLogger(JsonApiTransformer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, JsonApi> apis;

  /**
   * @param apis the served APIs by the part of {@code X-Amz-Target} before the dot
   */
  JsonApiTransformer(Map<String, JsonApi> apis) {
    super(NAME);
    this.apis = Map.copyOf(requireNonNull(apis, "apis is null"));
  }

  /** A regular expression that matches the {@code X-Amz-Target} of every served API. */
  String targetPattern() {
    return "(" + String.join("|", apis.keySet()) + ")\\..+";
  }

  @Override
  public ResponseDefinition transform(ServeEvent serveEvent) {
    Request request = serveEvent.getRequest();
    String target = request.getHeader("X-Amz-Target");
    int dot = target.indexOf('.');
    JsonApi api = apis.get(target.substring(0, dot));
    String operation = target.substring(dot + 1);
    String region =
        CredentialScope.of(request.getHeader("Authorization"))
            .map(CredentialScope::region)
            .orElse(AwsCall.NO_REGION);
    JsonReply reply;
    try {
      reply = api.handle(region, operation, parse(request.getBodyAsString()));
    } catch (JsonProcessingException e) {
      reply = JsonReply.error(400, "SerializationException", "the request body is not JSON");
    } catch (RuntimeException e) {
      log.warn("The stand-in failed to answer {} in {}", target, region, e);
      reply = JsonReply.error(500, "InternalFailure", String.valueOf(e.getMessage()));
    }
    String contentType = request.getHeader("Content-Type");
    ResponseDefinitionBuilder response =
        reply(
                reply.status(),
                contentType == null ? "application/x-amz-json-1.1" : contentType,
                reply.body().toString())
            .withHeader("x-amzn-RequestId", UUID.randomUUID().toString());
    if (reply.isError()) {
      response.withHeader("x-amzn-ErrorType", reply.errorType());
    }
    return response.build();
  }

  private static JsonNode parse(String body) throws JsonProcessingException {
    return body == null || body.isBlank()
        ? JsonNodeFactory.instance.objectNode()
        : JSON.readTree(body);
  }
}
