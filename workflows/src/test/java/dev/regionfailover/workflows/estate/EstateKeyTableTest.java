package dev.regionfailover.workflows.estate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The table of every estate key in {@code docs/estate.md} names exactly the keys of {@code
 * deploy/estate.schema.json}, and says of each whether the schema requires it; so the reference
 * cannot fall behind the validator, nor promise a key the validator refuses.
 */
class EstateKeyTableTest {

  private static final Path DOC = Path.of("..", "docs", "estate.md");
  private static final Path SCHEMA = Path.of("..", "deploy", "estate.schema.json");

  /** A row of the table: {@code | `key` | type | yes or no | meaning |}. */
  private static final Pattern ROW =
      Pattern.compile("^\\| `([^`]+)` \\|[^|]*\\| (yes|no) \\|.*\\|$", Pattern.MULTILINE);

  @Test
  void theKeyTableNamesEveryKeyOfTheSchemaAndNoOther() throws IOException {
    Map<String, Boolean> documented = table(Files.readString(DOC));
    Map<String, Boolean> schema = keys(new ObjectMapper().readTree(SCHEMA.toFile()));

    assertThat(schema).as("keys the schema has").hasSizeGreaterThan(50);
    assertThat(documented.keySet())
        .as("keys of docs/estate.md's table (left) against the schema's (right)")
        .containsExactlyInAnyOrderElementsOf(schema.keySet());
    assertThat(documented).as("the required column").isEqualTo(schema);
  }

  @Test
  void keysOfMappingsAndListEntriesAreWildcards() {
    assertThat(normalised("fleets.<region>.ecsServices[].cluster"))
        .isEqualTo("fleets.*.ecsServices[].cluster");
    assertThat(
            table("| `approvals.verified.principals` | mapping | yes | who |\n| `app` | x | no |"))
        .containsOnlyKeys("approvals.verified.principals");
  }

  @Test
  void everyRegionTheSchemaAdmitsIsAnAwsRegion() throws IOException {
    JsonNode regions =
        new ObjectMapper().readTree(SCHEMA.toFile()).path("$defs").path("region").path("enum");

    assertThat(regions).isNotEmpty();
    regions.forEach(region -> assertThat(AwsRegions.isKnown(region.asText())).isTrue());
  }

  @Test
  void theExampleEstateNamesTheSchemaForEditors() throws IOException {
    Path example = Path.of("..", "deploy", "estates", "orders.yaml");

    assertThat(Files.readAllLines(example).get(0))
        .isEqualTo("# yaml-language-server: $schema=../estate.schema.json");
    assertThat(example.getParent().resolve("../estate.schema.json").normalize()).exists();
  }

  private static Map<String, Boolean> table(String markdown) {
    Map<String, Boolean> keys = new LinkedHashMap<>();
    Matcher row = ROW.matcher(markdown);
    while (row.find()) {
      keys.put(normalised(row.group(1)), row.group(2).equals("yes"));
    }
    return keys;
  }

  /** {@code <region>} and {@code <approver>} both stand for any key of a mapping. */
  private static String normalised(String key) {
    return key.replaceAll("<[a-z]+>", "*");
  }

  /**
   * Every named key, with whether its mapping requires it, walking through $ref, maps and lists.
   */
  private static Map<String, Boolean> keys(JsonNode schema) {
    Map<String, Boolean> keys = new LinkedHashMap<>();
    walk(schema, schema, "", keys);
    return keys;
  }

  private static void walk(JsonNode root, JsonNode node, String path, Map<String, Boolean> keys) {
    JsonNode schema = resolved(root, node);
    List<String> required = new ArrayList<>();
    schema.path("required").forEach(key -> required.add(key.asText()));
    schema
        .path("properties")
        .fields()
        .forEachRemaining(
            property -> {
              String key = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
              keys.put(key, required.contains(property.getKey()));
              walk(root, property.getValue(), key, keys);
            });
    if (schema.path("additionalProperties").isObject()) {
      walk(root, schema.get("additionalProperties"), path + ".*", keys);
    }
    if (schema.path("items").isObject()) {
      walk(root, schema.get("items"), path + "[]", keys);
    }
  }

  /** A subschema with its $ref's keywords merged in (its own keywords win, as siblings of $ref). */
  private static JsonNode resolved(JsonNode root, JsonNode node) {
    if (!node.has("$ref")) {
      return node;
    }
    JsonNode target = resolved(root, root.at(node.get("$ref").asText().substring(1)));
    ObjectNode merged = target.deepCopy();
    node.fields()
        .forEachRemaining(
            field -> {
              if (!field.getKey().equals("$ref")) {
                merged.set(field.getKey(), field.getValue());
              }
            });
    return merged;
  }
}
