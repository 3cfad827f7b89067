package dev.regionfailover.activities.reconcile;

import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** DynamoDB items and keys as short text for reports, and keys as heartbeat-safe strings. */
final class ItemText {

  /** Longer renderings are cut, so that a report with many conflicts stays storable. */
  static final int MAX_LENGTH = 400;

  private ItemText() {}

  /** {@code {a=1, b="x"}} with attributes sorted by name, cut at {@link #MAX_LENGTH}. */
  static String render(Map<String, AttributeValue> item) {
    String text = map(item);
    return text.length() <= MAX_LENGTH ? text : text.substring(0, MAX_LENGTH - 3) + "...";
  }

  private static String map(Map<String, AttributeValue> item) {
    return new TreeMap<>(item)
        .entrySet().stream()
            .map(e -> e.getKey() + "=" + value(e.getValue()))
            .collect(Collectors.joining(", ", "{", "}"));
  }

  static String value(AttributeValue value) {
    if (value == null) {
      return "(none)";
    }
    return switch (value.type()) {
      case S -> '"' + value.s() + '"';
      case N -> value.n();
      case B -> "b64:" + Base64.getEncoder().encodeToString(value.b().asByteArray());
      case BOOL -> value.bool().toString();
      case NUL -> "null";
      case SS -> value.ss().toString();
      case NS -> value.ns().toString();
      case BS -> value.bs().size() + " binary values";
      case L -> value.l().stream().map(ItemText::value).collect(Collectors.joining(", ", "[", "]"));
      case M -> map(value.m());
      default -> value.toString();
    };
  }

  /** A key attribute as {@code S:text}, {@code N:123} or {@code B:base64}. */
  static String encode(AttributeValue value) {
    return switch (value.type()) {
      case S -> "S:" + value.s();
      case N -> "N:" + value.n();
      case B -> "B:" + Base64.getEncoder().encodeToString(value.b().asByteArray());
      default -> throw new IllegalArgumentException("not a key attribute value: " + value);
    };
  }

  static AttributeValue decode(String encoded) {
    String text = encoded.substring(2);
    return switch (encoded.substring(0, 2)) {
      case "S:" -> AttributeValue.fromS(text);
      case "N:" -> AttributeValue.fromN(text);
      case "B:" -> AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(text)));
      default -> throw new IllegalArgumentException("not an encoded key attribute: " + encoded);
    };
  }

  static Map<String, String> encode(Map<String, AttributeValue> key) {
    return new TreeMap<>(
        key.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> encode(e.getValue()))));
  }

  static Map<String, AttributeValue> decode(Map<String, String> key) {
    return key.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, e -> decode(e.getValue())));
  }
}
