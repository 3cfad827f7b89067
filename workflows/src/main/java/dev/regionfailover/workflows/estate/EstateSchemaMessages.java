package dev.regionfailover.workflows.estate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the validator's findings into the parser's messages: a path such as {@code
 * fleets.us-west-2.ecsServices[0].cluster}, then what is wrong in the estate's own words. The words
 * come from the failing subschema's {@code errorMessage} ({@code {value}} is the offending value);
 * {@code required} and {@code additionalProperties} have fixed wordings.
 */
final class EstateSchemaMessages {

  private static final String DOCUMENT = "(document)";

  private final JsonNode schema;

  EstateSchemaMessages(JsonNode schema) {
    this.schema = schema;
  }

  List<String> messages(List<Error> errors) {
    Map<String, Integer> strongest = new HashMap<>();
    for (Error error : errors) {
      strongest.merge(location(error), rank(error), Math::max);
    }
    Set<String> messages = new LinkedHashSet<>();
    for (Error error : errors) {
      if (rank(error) == strongest.get(location(error)) && !insideOneOf(error)) {
        messages.addAll(messages(error));
      }
    }
    return new ArrayList<>(messages);
  }

  /**
   * A value is reported once, for its most basic fault: not a non-empty text value first, then of
   * the wrong type, and only then against the rules for its kind of value (a pattern, a range).
   */
  private static int rank(Error error) {
    if (error.getSchemaLocation().toString().startsWith("#/$defs/text/")) {
      return 2;
    }
    return error.getKeyword().equals("type") ? 1 : 0;
  }

  private static String location(Error error) {
    return error.getInstanceLocation().toString();
  }

  /** The alternatives of a oneOf are summed up by the failure of the oneOf itself. */
  private static boolean insideOneOf(Error error) {
    return error.getSchemaLocation().toString().contains("/oneOf/");
  }

  private List<String> messages(Error error) {
    String path = path(error.getInstanceLocation());
    JsonNode subschema = subschema(error);
    String keyword = error.getKeyword();
    String property = error.getProperty();
    String template = template(subschema, keyword, property);
    JsonNode value = error.getInstanceNode();
    if (keyword.equals("uniqueItems") && template != null && template.contains("{item}")) {
      return duplicates(path, value, template);
    }
    String where =
        keyword.equals("required") || keyword.equals("additionalProperties")
            ? child(path, property)
            : path.isEmpty() ? DOCUMENT : path;
    if (value != null && value.isNull() && rank(error) == 2) {
      // "key:" with nothing after it in YAML is a text value left out.
      template = "missing";
    } else if (template == null) {
      template = fixedWording(error, subschema);
    }
    String text =
        template
            .replace("{value}", value == null ? "" : value.asText())
            .replace("{size}", value == null ? "0" : String.valueOf(value.size()));
    return List.of(where + ": " + text);
  }

  /** One message for each item that repeats an earlier one, at the item's own path. */
  private static List<String> duplicates(String path, JsonNode items, String template) {
    List<String> messages = new ArrayList<>();
    Set<JsonNode> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      if (!seen.add(items.get(i))) {
        messages.add(path + "[" + i + "]: " + template.replace("{item}", items.get(i).asText()));
      }
    }
    return messages;
  }

  private String fixedWording(Error error, JsonNode subschema) {
    return switch (error.getKeyword()) {
      case "required" -> "missing";
      case "additionalProperties" -> "unknown key (expected one of " + keys(subschema) + ")";
      case "type" ->
          switch (subschema.path("type").asText()) {
            case "object" -> "must be a mapping with keys " + keys(subschema);
            case "array" -> "must be a list";
            default -> error.getMessage();
          };
      default -> error.getMessage();
    };
  }

  private Set<String> keys(JsonNode subschema) {
    Set<String> keys = new TreeSet<>();
    subschema.path("properties").fieldNames().forEachRemaining(keys::add);
    return keys;
  }

  /** The estate's own wording for a failed keyword, or null where the schema states none. */
  private static String template(JsonNode subschema, String keyword, String property) {
    JsonNode message = subschema.path("errorMessage");
    if (message.isTextual()) {
      return message.asText();
    }
    JsonNode forKeyword = message.path(keyword);
    if (forKeyword.isObject() && property != null) {
      forKeyword = forKeyword.path(property);
    }
    return forKeyword.isTextual() ? forKeyword.asText() : null;
  }

  /** The schema object holding the failed keyword. */
  private JsonNode subschema(Error error) {
    String location = error.getSchemaLocation().toString();
    String pointer = location.substring(location.indexOf('#') + 1);
    return schema.at(pointer.substring(0, pointer.lastIndexOf('/')));
  }

  /** {@code /fleets/us-west-2/ecsServices/0} as {@code fleets.us-west-2.ecsServices[0]}. */
  private static String path(NodePath location) {
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      if (element instanceof Integer index) {
        path.append('[').append(index).append(']');
      } else {
        path.append(path.length() == 0 ? "" : ".").append(element);
      }
    }
    return path.toString();
  }

  private static String child(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }
}
