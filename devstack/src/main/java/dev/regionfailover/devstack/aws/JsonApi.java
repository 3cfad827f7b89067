package dev.regionfailover.devstack.aws;

import com.fasterxml.jackson.databind.JsonNode;

/** An AWS JSON-protocol API the stand-in serves itself, named by its {@code X-Amz-Target}. */
interface JsonApi {

  /** The part of {@code X-Amz-Target} before the dot, such as {@code ToggleCustomerAPI}. */
  String targetPrefix();

  /**
   * Answers {@code operation} with the parsed {@code request} body, for a request signed for {@code
   * region} ({@link AwsCall#NO_REGION} when unsigned).
   */
  JsonReply handle(String region, String operation, JsonNode request);
}
