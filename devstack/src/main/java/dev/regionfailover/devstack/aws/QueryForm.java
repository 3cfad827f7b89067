package dev.regionfailover.devstack.aws;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The parameters of an AWS query-protocol request ({@code Action=...&Version=...}), which the SDK
 * sends as an {@code application/x-www-form-urlencoded} POST body.
 */
final class QueryForm {

  private QueryForm() {}

  static boolean isForm(String contentType) {
    return contentType != null
        && contentType.toLowerCase().startsWith("application/x-www-form-urlencoded");
  }

  static Map<String, String> parse(String body) {
    Map<String, String> parameters = new LinkedHashMap<>();
    if (body == null || body.isEmpty()) {
      return parameters;
    }
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String key = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      parameters.put(decode(key), decode(value));
    }
    return parameters;
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
