package dev.regionfailover.workflows.estate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an estate from YAML and validates all of it before anything can reach AWS: its shape
 * against {@code deploy/estate.schema.json}, then the rules that compare one part with another
 * ({@link EstateRules}). Every problem is reported with its path ({@code
 * fleets.us-west-2.ecsServices[0].cluster: missing}), unknown keys are errors, and one file with
 * several mistakes yields all of them at once.
 */
public final class EstateParser {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private EstateParser() {}

  /**
   * Parses and validates one estate document.
   *
   * @param yaml the document
   * @param source where it came from, for messages (a file name)
   */
  public static Estate parse(String yaml, String source) throws EstateValidationException {
    JsonNode root = read(yaml, source);
    if (root == null || root.isMissingNode() || root.isNull()) {
      throw new EstateValidationException(
          source,
          List.of(
              "(document): empty; an estate needs at least app, regions, aurora, authority, flags"
                  + " and approvals"));
    }
    if (root.isObject()) {
      leaveOutEmptySections((ObjectNode) root);
    }
    EstateSchema schema = EstateSchema.get();
    List<String> errors =
        new ArrayList<>(
            new EstateSchemaMessages(schema.document())
                .messages(schema.validateAndFillDefaults(root)));
    if (root.isObject()) {
      errors.addAll(EstateRules.check(root));
    }
    if (!errors.isEmpty()) {
      throw new EstateValidationException(source, errors);
    }
    return EstateBinder.bind(root);
  }

  /**
   * A section written as "key:" with nothing after it is left out, so that it reads as missing
   * where it is required and as not configured where it is optional.
   */
  private static void leaveOutEmptySections(ObjectNode root) {
    root.remove(
        nullMembers(root, "aurora", "authority", "flags", "approvals", "pins", "detection"));
    if (root.path("aurora").isObject()) {
      ObjectNode aurora = (ObjectNode) root.get("aurora");
      aurora.remove(nullMembers(aurora, "writerRecord"));
    }
    if (root.path("traffic").isObject()) {
      ObjectNode traffic = (ObjectNode) root.get("traffic");
      traffic.remove(nullMembers(traffic, "route53", "arc", "globalAccelerator"));
    }
  }

  private static List<String> nullMembers(ObjectNode node, String... keys) {
    List<String> empty = new ArrayList<>();
    for (String key : keys) {
      if (node.path(key).isNull()) {
        empty.add(key);
      }
    }
    return empty;
  }

  private static JsonNode read(String yaml, String source) throws EstateValidationException {
    try {
      return YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new EstateValidationException(
          source, List.of("not valid YAML" + where + ": " + e.getOriginalMessage()));
    }
  }
}
