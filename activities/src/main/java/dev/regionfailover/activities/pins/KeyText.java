package dev.regionfailover.activities.pins;

import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Keys written as text, so that a re-pin's cursor survives in a heartbeat and in a workflow's
 * history: each value is its type letter ({@code S}, {@code N} or {@code B}, base64) and its text.
 */
final class KeyText {

  private KeyText() {}

  static Map<String, String> encode(Map<String, AttributeValue> key) {
    Map<String, String> encoded = new TreeMap<>();
    key.forEach((name, value) -> encoded.put(name, encode(value)));
    return encoded;
  }

  static String encode(AttributeValue value) {
    if (value.s() != null) {
      return "S:" + value.s();
    }
    if (value.n() != null) {
      return "N:" + value.n();
    }
    if (value.b() != null) {
      return "B:" + Base64.getEncoder().encodeToString(value.b().asByteArray());
    }
    throw new IllegalArgumentException("a key attribute must be a string, number or binary");
  }

  static Map<String, AttributeValue> decode(Map<String, String> cursor) {
    Map<String, AttributeValue> key = new HashMap<>();
    cursor.forEach(
        (name, value) -> {
          String text = value.substring(2);
          key.put(
              name,
              switch (value.charAt(0)) {
                case 'S' -> AttributeValue.fromS(text);
                case 'N' -> AttributeValue.fromN(text);
                case 'B' ->
                    AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(text)));
                default -> throw new IllegalArgumentException("bad cursor value " + value);
              });
        });
    return key;
  }
}
