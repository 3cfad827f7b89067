package dev.regionfailover.devstack.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer of an AWS JSON operation the stand-in serves: a status, the body, and for an error its
 * code, which the SDK reads from the {@code __type} member and the {@code x-amzn-ErrorType} header.
 */
record JsonReply(int status, JsonNode body, String errorType) {

  static JsonReply ok(JsonNode body) {
    return new JsonReply(200, body, null);
  }

  /**
   * An error of {@code type} with {@code message}; {@code fields} alternate member names and values
   * of the error shape beyond its message, such as {@code resourceId}.
   */
  static JsonReply error(int status, String type, String message, String... fields) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("__type", type);
    body.put("message", message);
    for (int i = 0; i + 1 < fields.length; i += 2) {
      body.put(fields[i], fields[i + 1]);
    }
    return new JsonReply(status, body, type);
  }

  boolean isError() {
    return errorType != null;
  }
}
