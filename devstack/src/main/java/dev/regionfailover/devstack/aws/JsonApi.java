package dev.regionfailover.devstack.aws;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An AWS JSON-protocol API the stand-in serves itself; {@link JsonApiTransformer} chooses it by the
 * part of {@code X-Amz-Target} before the dot, such as {@code ToggleCustomerAPI}.
 */
interface JsonApi {

  /**
   * Answers {@code operation} with the parsed {@code request} body, for a request signed for {@code
   * region} ({@link AwsCall#NO_REGION} when unsigned).
   */
  JsonReply handle(String region, String operation, JsonNode request);
}
